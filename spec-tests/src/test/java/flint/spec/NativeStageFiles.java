package flint.spec;

import java.util.List;

/** The testsuite files the integer stage of the native compiler must pass (see the issue). */
final class NativeStageFiles {
    private NativeStageFiles() {}

    static final List<String> INTEGER_STAGE = List.of(
            "i32.wast", "i64.wast", "int_exprs.wast", "int_literals.wast", "block.wast", "br.wast", "br_if.wast",
            "loop.wast", "if.wast", "labels.wast", "nop.wast", "return.wast", "select.wast", "switch.wast",
            "local_get.wast", "local_set.wast", "local_tee.wast", "call.wast", "fac.wast", "forward.wast", "stack.wast",
            "unwind.wast", "left-to-right.wast", "unreachable.wast", "unreached-invalid.wast", "global.wast",
            "memory.wast", "memory_size.wast", "memory_grow.wast", "memory_redundancy.wast", "memory_trap.wast",
            "address.wast", "load.wast", "store.wast", "endianness.wast", "align.wast", "traps.wast", "start.wast",
            "exports.wast", "imports.wast", "linking.wast", "func.wast", "type.wast", "binary.wast",
            "binary-leb128.wast", "custom.wast", "names.wast", "skip-stack-guard-page.wast");
}

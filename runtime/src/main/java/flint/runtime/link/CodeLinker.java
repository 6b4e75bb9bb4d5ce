package flint.runtime.link;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import flint.compiler.Abi;
import flint.compiler.CompiledModule;
import flint.compiler.RuntimeHelper;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Mem;
import flint.compiler.x64.asm.Relocation;
import flint.runtime.exec.ArgBuffer;
import flint.runtime.exec.CodeMemory;
import flint.runtime.exec.ExecContext;
import flint.runtime.exec.VmContext;
import flint.runtime.memory.LinearMemory;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Loads a module's code into executable memory and resolves its relocations.
 *
 * <p>Runtime helpers live wherever the JVM or the runtime put them, usually more than 2 GiB away
 * from the module's code, where a {@code call rel32} cannot reach. So the image gets a veneer per
 * helper that a REL32 relocation names, after the code: {@code jmp [rip+0]} followed by the
 * helper's 8-byte address. The call lands on the veneer, which jumps on without touching the
 * stack, so the helper sees the caller's return address. ABS64 relocations get the helper's
 * address itself. Calls between the module's functions are in range by construction.
 */
public final class CodeLinker {

    private static final int VENEER_ALIGNMENT = 16;

    static {
        // generated code was compiled against the compiler's Abi constants; the runtime's structs
        // must be laid out the same, or every module would read the wrong fields
        if (Abi.EXEC_STACK_LIMIT != ExecContext.STACK_LIMIT || Abi.EXEC_INTERRUPT != ExecContext.INTERRUPT
                || Abi.EXEC_TRAP_STUB != ExecContext.TRAP_STUB || Abi.VMCTX_EXEC_CONTEXT != VmContext.EXEC_CONTEXT
                || Abi.VMCTX_MEMORIES < VmContext.HEADER_SIZE || Abi.SLOT_SIZE != ArgBuffer.SLOT_SIZE
                || Abi.MEMORY_RECORD_SIZE != LinearMemory.DEFINITION_SIZE
                || Abi.MEMORY_BASE_FIELD != LinearMemory.DEFINITION_BASE
                || Abi.MEMORY_LENGTH_FIELD != LinearMemory.DEFINITION_LENGTH) {
            throw new AssertionError("the runtime's structs disagree with flint.compiler.Abi");
        }
    }

    private CodeLinker() {}

    /**
     * The module's code, executable, with every relocation resolved. The creator owns the returned
     * memory's reference.
     */
    public static CodeMemory load(CompiledModule module) {
        byte[] code = module.code();
        var veneers = new EnumMap<RuntimeHelper, Integer>(RuntimeHelper.class);
        byte[] image = withVeneers(code, module, veneers);
        return CodeMemory.load(image, (segment, base) -> {
            for (var relocation : module.relocations()) {
                long target = switch (relocation.target()) {
                    case Relocation.WasmFunction(int index) -> base + module.function(index).offset();
                    case Relocation.RuntimeHelper(int id) -> {
                        var helper = RuntimeHelper.of(id).orElseThrow();
                        yield relocation.kind() == Relocation.Kind.REL32
                                ? base + veneers.get(helper)
                                : RuntimeHelpers.address(helper);
                    }
                };
                write(segment, relocation, relocation.value(base, target));
            }
        });
    }

    private static void write(MemorySegment code, Relocation relocation, long value) {
        switch (relocation.kind()) {
            case REL32 -> code.set(JAVA_INT_UNALIGNED, relocation.offset(), (int) value);
            case ABS64 -> code.set(JAVA_LONG_UNALIGNED, relocation.offset(), value);
        }
    }

    /**
     * {@code code} followed by one veneer per helper that a REL32 relocation names; records each
     * veneer's offset in {@code veneers}. A module without code still gets one {@code int3}, so
     * that every module has a region for its instances to hold a lease on.
     */
    private static byte[] withVeneers(byte[] code, CompiledModule module, Map<RuntimeHelper, Integer> veneers) {
        var helpers = module.relocations().stream()
                .filter(r -> r.kind() == Relocation.Kind.REL32)
                .map(Relocation::target)
                .filter(t -> t instanceof Relocation.RuntimeHelper)
                .map(t -> RuntimeHelper.of(((Relocation.RuntimeHelper) t).id()).orElseThrow())
                .distinct().sorted().toList();
        if (helpers.isEmpty()) {
            return code.length > 0 ? code : new byte[] {(byte) 0xCC};
        }
        int start = (code.length + VENEER_ALIGNMENT - 1) & -VENEER_ALIGNMENT;
        var asm = new Assembler();
        for (var helper : helpers) {
            asm.align(VENEER_ALIGNMENT);
            veneers.put(helper, start + asm.position());
            var address = asm.newLabel();
            asm.jmp(Mem.rip(address));
            asm.bind(address);
            asm.emitBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(RuntimeHelpers.address(helper)).array());
        }
        byte[] stubs = asm.finish();
        byte[] image = Arrays.copyOf(code, start + stubs.length);
        Arrays.fill(image, code.length, start, (byte) 0xCC);
        System.arraycopy(stubs, 0, image, start, stubs.length);
        return image;
    }
}

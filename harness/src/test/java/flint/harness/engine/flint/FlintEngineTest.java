package flint.harness.engine.flint;

import static flint.compiler.x64.asm.Gpr.RAX;
import static flint.compiler.x64.asm.Gpr.RCX;
import static flint.compiler.x64.asm.Gpr.RDX;
import static flint.compiler.x64.asm.Size.S32;
import static flint.compiler.x64.asm.Size.S64;
import static flint.compiler.x64.asm.Size.S8;
import static flint.wasm.model.NumType.I32;
import static flint.wasm.model.NumType.I64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.compiler.Abi;
import flint.compiler.AbiSequences;
import flint.compiler.CompiledModule;
import flint.compiler.WasmTrap;
import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.Mem;
import flint.harness.engine.Engine;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.ExportDesc;
import flint.harness.engine.ExternType;
import flint.harness.engine.HostFunction;
import flint.harness.engine.Imports;
import flint.harness.engine.LinkException;
import flint.harness.engine.ModuleException;
import flint.harness.engine.Trap;
import flint.harness.engine.TrapKind;
import flint.harness.engine.chicory.ChicoryEngine;
import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.BlockType;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.FuncType;
import flint.wasm.model.GlobalType;
import flint.wasm.model.Instruction;
import flint.wasm.model.Limits;
import flint.wasm.model.Opcode;
import flint.wasm.model.VecType;
import flint.wasm.model.WasmModule;
import flint.wasm.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The native engine behind the harness interface, with hand-compiled modules: results, traps, host
 * functions, linking and state as the harness sees them, and the same answers as the reference
 * interpreter where both run.
 */
class FlintEngineTest {

    private static final FuncType I32_I32_TO_I32 = FuncType.of(List.of(I32, I32), List.of(I32));
    private static final FuncType I32_TO_I32 = FuncType.of(List.of(I32), List.of(I32));

    /** Module bytes and the machine code of their functions, by function index. */
    private record Module(byte[] bytes, Map<Integer, Consumer<HandCompiler.Fn>> code) {}

    private static Instruction local(int i) {
        return Instruction.localGet(i);
    }

    private static Instruction op(Opcode op) {
        return Instruction.plain(op);
    }

    // ---------------------------------------------------------------- modules

    /** add, swap (multi-value), unreachable, recurse (forever), spin (forever; the contract test interrupts such loops). */
    private static Module arith() {
        var b = new ModuleBuilder();
        var code = new HashMap<Integer, Consumer<HandCompiler.Fn>>();
        int add = b.function(I32_I32_TO_I32, List.of(local(0), local(1), op(Opcode.I32_ADD)));
        code.put(add, f -> {
            f.asm.mov(S32, RAX, f.param(0));
            f.asm.add(S32, RAX, f.param(1));
            f.asm.mov(S32, f.result(0), RAX);
        });
        int swap = b.function(FuncType.of(List.of(I32, I64), List.of(I64, I32)), List.of(local(1), local(0)));
        code.put(swap, f -> {
            f.asm.mov(S32, RAX, f.param(0));
            f.asm.mov(S64, RCX, f.param(1));
            f.asm.mov(S64, f.result(0), RCX);
            f.asm.mov(S32, f.result(1), RAX);
        });
        int unreachable = b.function(FuncType.EMPTY, List.of(op(Opcode.UNREACHABLE)));
        code.put(unreachable, f -> f.asm.jmp(f.trap(WasmTrap.UNREACHABLE)));
        int recurse = b.function(I32_TO_I32, List.of(local(0), Instruction.call(3)));
        code.put(recurse, f -> {
            f.asm.mov(S32, RAX, f.param(0));
            f.asm.mov(S32, f.arg(0), RAX);
            f.call(recurse);
            f.asm.mov(S32, RAX, f.arg(0));
            f.asm.mov(S32, f.result(0), RAX);
        });
        int spin = b.function(FuncType.EMPTY, List.of(new Instruction.Block(Opcode.LOOP, BlockType.EMPTY),
                Instruction.indexed(Opcode.BR, 0), Instruction.END));
        code.put(spin, f -> {
            var loop = f.asm.here();
            AbiSequences.interruptCheck(f.asm, f.trap(WasmTrap.INTERRUPTED));
            f.asm.jmp(loop);
        });
        b.exportFunction("add", add).exportFunction("swap", swap).exportFunction("unreachable", unreachable)
                .exportFunction("recurse", recurse).exportFunction("spin", spin);
        if (recurse != 3) {
            throw new AssertionError("recurse calls function 3");
        }
        return new Module(b.encode(), code);
    }

    /** call_add and call_fail, calling env.add and env.fail. */
    private static Module host() {
        var b = new ModuleBuilder();
        int add = b.importFunction("env", "add", I32_I32_TO_I32);
        int failing = b.importFunction("env", "fail", FuncType.EMPTY);
        var code = new HashMap<Integer, Consumer<HandCompiler.Fn>>();
        int callAdd = b.function(I32_I32_TO_I32, List.of(local(0), local(1), Instruction.call(add)));
        code.put(callAdd, f -> {
            f.asm.mov(S32, RAX, f.param(0));
            f.asm.mov(S32, f.arg(0), RAX);
            f.asm.mov(S32, RAX, f.param(1));
            f.asm.mov(S32, f.arg(1), RAX);
            f.call(add);
            f.asm.mov(S32, RAX, f.arg(0));
            f.asm.mov(S32, f.result(0), RAX);
        });
        int callFail = b.function(FuncType.EMPTY, List.of(Instruction.call(failing)));
        code.put(callFail, f -> f.call(failing));
        b.exportFunction("call_add", callAdd).exportFunction("call_fail", callFail);
        return new Module(b.encode(), code);
    }

    /** A memory of 1..3 pages with "flint" at 16, a global counter = 5, and poke, grow, bump, load. */
    private static Module state() {
        var b = new ModuleBuilder();
        b.memory(Limits.of(1, 3));
        int counter = b.global(I32, true, ConstExpr.i32(5));
        var code = new HashMap<Integer, Consumer<HandCompiler.Fn>>();
        int poke = b.function(FuncType.of(List.of(I32, I32), List.of()),
                List.of(local(0), local(1), Instruction.memory(Opcode.I32_STORE8, 0)));
        code.put(poke, f -> {
            boundsChecked(f, 1);
            f.asm.mov(S32, RCX, f.param(1));
            f.asm.mov(S8, Mem.of(Abi.MEMORY_BASE, RAX, 1, 0), RCX);
        });
        int grow = b.function(I32_TO_I32, List.of(local(0), Instruction.indexed(Opcode.MEMORY_GROW, 0)));
        code.put(grow, f -> {
            f.asm.mov(S32, RDX, f.param(0));
            AbiSequences.memoryGrow(f.asm, 0);
            f.asm.mov(S32, f.result(0), RAX);
        });
        int bump = b.function(FuncType.of(List.of(I32), List.of()), List.of(Instruction.indexed(Opcode.GLOBAL_GET, counter),
                local(0), op(Opcode.I32_ADD), Instruction.indexed(Opcode.GLOBAL_SET, counter)));
        code.put(bump, f -> {
            var cell = Mem.of(Abi.VMCTX, f.builder.layout().global(counter));
            f.asm.mov(S32, RAX, cell);
            f.asm.add(S32, RAX, f.param(0));
            f.asm.mov(S32, cell, RAX);
        });
        int load = b.function(I32_TO_I32, List.of(local(0), Instruction.memory(Opcode.I32_LOAD, 0)));
        code.put(load, f -> {
            boundsChecked(f, 4);
            f.asm.mov(S32, RAX, Mem.of(Abi.MEMORY_BASE, RAX, 1, 0));
            f.asm.mov(S32, f.result(0), RAX);
        });
        b.activeData(0, ConstExpr.i32(16), "flint".getBytes(StandardCharsets.US_ASCII));
        b.exportFunction("poke", poke).exportFunction("grow", grow).exportFunction("bump", bump)
                .exportFunction("load", load).exportMemory("mem", 0).exportGlobal("counter", counter);
        return new Module(b.encode(), code);
    }

    /** RAX = parameter 0 zero-extended, checked for {@code size} bytes in memory 0. */
    private static void boundsChecked(HandCompiler.Fn f, int size) {
        f.asm.mov(S32, RAX, f.param(0));
        f.asm.lea(S64, RCX, Mem.of(RAX, size));
        f.asm.cmp(S64, RCX, Mem.of(Abi.VMCTX, Abi.MEMORY0_LENGTH));
        f.asm.jcc(Cond.A, f.trap(WasmTrap.OUT_OF_BOUNDS_MEMORY));
    }

    /** Imports state's memory, counter and load; peek, set_counter, via_import. */
    private static Module linked() {
        var b = new ModuleBuilder();
        int load = b.importFunction("state", "load", I32_TO_I32);
        b.importMemory("state", "mem", Limits.of(1));
        int counter = b.importGlobal("state", "counter", I32, true);
        var code = new HashMap<Integer, Consumer<HandCompiler.Fn>>();
        int peek = b.function(I32_TO_I32, List.of(local(0), Instruction.memory(Opcode.I32_LOAD8_U, 0)));
        code.put(peek, f -> {
            boundsChecked(f, 1);
            f.asm.movzx(S32, RAX, S8, Mem.of(Abi.MEMORY_BASE, RAX, 1, 0));
            f.asm.mov(S32, f.result(0), RAX);
        });
        int setCounter = b.function(FuncType.of(List.of(I32), List.of()),
                List.of(local(0), Instruction.indexed(Opcode.GLOBAL_SET, counter)));
        code.put(setCounter, f -> {
            f.asm.mov(S64, RCX, Mem.of(Abi.VMCTX, f.builder.layout().global(counter)));
            f.asm.mov(S32, RAX, f.param(0));
            f.asm.mov(S32, Mem.of(RCX, 0), RAX);
        });
        int viaImport = b.function(I32_TO_I32, List.of(local(0), Instruction.call(load)));
        code.put(viaImport, f -> {
            f.asm.mov(S32, RAX, f.param(0));
            f.asm.mov(S32, f.arg(0), RAX);
            f.call(load);
            f.asm.mov(S32, RAX, f.arg(0));
            f.asm.mov(S32, f.result(0), RAX);
        });
        b.exportFunction("peek", peek).exportFunction("set_counter", setCounter).exportFunction("via_import", viaImport);
        return new Module(b.encode(), code);
    }

    /** An engine that compiles any of {@code modules} (told apart by their first export). */
    private static FlintEngine engine(Module... modules) {
        var byFirstExport = new HashMap<String, HandCompiler>();
        for (var module : modules) {
            var decoded = flint.wasm.binary.ModuleDecoder.decode(module.bytes());
            byFirstExport.put(decoded.exports().getFirst().name(), new HandCompiler(module.code()));
        }
        Function<WasmModule, CompiledModule> compiler = m -> byFirstExport.get(m.exports().getFirst().name()).apply(m);
        return new FlintEngine(compiler);
    }

    private static Value i32(int v) {
        return Value.i32(v);
    }

    // ---------------------------------------------------------------- tests

    @Test
    void resultsMatchTheReferenceInterpreter() {
        var module = arith();
        var flint = engine(module).instantiate(module.bytes());
        var chicory = new ChicoryEngine().instantiate(module.bytes());
        for (int[] pair : new int[][] {{1, 2}, {Integer.MAX_VALUE, 1}, {-5, -7}}) {
            var args = List.of(i32(pair[0]), i32(pair[1]));
            assertEquals(chicory.call("add", args), flint.call("add", args));
        }
        var args = List.of(i32(-1), Value.i64(Long.MIN_VALUE));
        assertEquals(chicory.call("swap", args), flint.call("swap", args));
        assertEquals(List.of(Value.i64(Long.MIN_VALUE), i32(-1)), flint.call("swap", args));
    }

    @Test
    void exportsAreDescribed() {
        var module = state();
        var instance = engine(module).instantiate(module.bytes());
        assertEquals(new ExportDesc("poke", new ExternType.Func(FuncType.of(List.of(I32, I32), List.of()))),
                instance.exports().getFirst());
        assertEquals(new ExternType.Global(new GlobalType(I32, true)), instance.export("counter").orElseThrow().type());
        assertEquals(new ExternType.Memory(), instance.export("mem").orElseThrow().type());
        assertThrows(IllegalArgumentException.class, () -> instance.call("counter"));
        assertThrows(IllegalArgumentException.class, () -> instance.call("load", Value.i64(1)));
        assertThrows(IllegalArgumentException.class, () -> instance.table("mem"));
    }

    @Test
    void trapsHaveTheirKindsAndSpecMessages() {
        var arith = arith();
        var state = state();
        var engine = engine(arith, state);
        var instance = engine.instantiate(arith.bytes());
        var unreachable = assertThrows(Trap.class, () -> instance.call("unreachable"));
        assertEquals(TrapKind.UNREACHABLE, unreachable.kind());
        assertEquals("unreachable", unreachable.getMessage());
        assertNotNull(unreachable.detail());
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, assertThrows(Trap.class, () -> instance.call("recurse", i32(0))).kind());
        assertEquals(List.of(i32(3)), instance.call("add", i32(1), i32(2)), "usable after unwinding a deep stack");
        var memory = engine.instantiate(state.bytes());
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, assertThrows(Trap.class, () -> memory.call("load", i32(65533))).kind());
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, assertThrows(Trap.class, () -> memory.call("load", i32(-1))).kind());
    }

    private static Imports hostImports(HostFunction.Body add, HostFunction.Body fail) {
        return Imports.builder().function("env", "add", I32_I32_TO_I32, add).function("env", "fail", FuncType.EMPTY, fail).build();
    }

    private static final HostFunction.Body ADD = args -> List.of(i32(((Value.I32) args.get(0)).value()
            + ((Value.I32) args.get(1)).value()));
    private static final HostFunction.Body NONE = args -> List.of();

    @Test
    void hostFunctions() {
        var module = host();
        var engine = engine(module);
        assertEquals(List.of(i32(5)), engine.instantiate(module.bytes(), hostImports(ADD, NONE)).call("call_add", i32(2), i32(3)));

        var boom = new IllegalStateException("boom");
        var throwing = engine.instantiate(module.bytes(), hostImports(ADD, args -> {
            throw boom;
        }));
        var trap = assertThrows(Trap.class, () -> throwing.call("call_fail"));
        assertEquals(TrapKind.HOST_ERROR, trap.kind());
        assertEquals(boom, trap.getCause());
        assertTrue(trap.detail().contains("env.fail"), trap.detail());

        var trapping = engine.instantiate(module.bytes(), hostImports(ADD, args -> {
            throw new Trap(TrapKind.INTEGER_OVERFLOW);
        }));
        assertEquals(TrapKind.INTEGER_OVERFLOW, assertThrows(Trap.class, () -> trapping.call("call_fail")).kind());

        var wrong = engine.instantiate(module.bytes(), hostImports(args -> List.of(Value.i64(1)), args -> List.of(i32(1))));
        assertEquals(TrapKind.HOST_ERROR, assertThrows(Trap.class, () -> wrong.call("call_add", i32(1), i32(2))).kind());
        assertEquals(TrapKind.HOST_ERROR, assertThrows(Trap.class, () -> wrong.call("call_fail")).kind());
    }

    @Test
    void aHostFunctionMayCallBackIntoTheEngine() {
        var arith = arith();
        var host = host();
        var engine = engine(arith, host);
        var inner = engine.instantiate(arith.bytes());
        var outer = engine.instantiate(host.bytes(), hostImports(args -> inner.call("add", args), args -> {
            inner.call("unreachable");
            return List.of();
        }));
        assertEquals(List.of(i32(9)), outer.call("call_add", i32(4), i32(5)));
        assertEquals(TrapKind.UNREACHABLE, assertThrows(Trap.class, () -> outer.call("call_fail")).kind(),
                "the inner trap passes through the host function");
    }

    @Test
    void linkErrors() {
        var module = host();
        var engine = engine(module);
        var missing = assertThrows(LinkException.class, () -> engine.instantiate(module.bytes(),
                Imports.builder().function("env", "add", I32_I32_TO_I32, ADD).build()));
        assertEquals(LinkException.Kind.UNKNOWN_IMPORT, missing.kind());
        assertEquals("unknown import", missing.getMessage());
        assertTrue(missing.detail().contains("env.fail"), missing.detail());

        var wrong = hostImports(ADD, NONE).toBuilder().function("env", "add", I32_TO_I32, ADD).build();
        assertEquals(LinkException.Kind.INCOMPATIBLE_IMPORT_TYPE,
                assertThrows(LinkException.class, () -> engine.instantiate(module.bytes(), wrong)).kind());
    }

    @Test
    void importsEveryKindFromAnInstanceOfTheSameEngine() {
        var state = state();
        var linked = linked();
        var engine = engine(state, linked);
        var exporter = engine.instantiate(state.bytes());
        var importer = engine.instantiate(linked.bytes(), Imports.builder().register("state", exporter).build());

        exporter.call("poke", i32(200), i32(99));
        assertEquals(List.of(i32(99)), importer.call("peek", i32(200)), "shared memory");
        importer.call("set_counter", i32(77));
        assertEquals(i32(77), exporter.global("counter"), "shared global");
        assertEquals(List.of(i32(0x6e696c66)), importer.call("via_import", i32(16)), "imported function: \"flin\"");
        assertEquals(1, importer.defaultMemory().orElseThrow().pages(), "an imported memory is the default memory");

        var wrongKind = Imports.builder().register("state", exporter).export("state", "mem", exporter, "counter").build();
        assertEquals(LinkException.Kind.INCOMPATIBLE_IMPORT_TYPE,
                assertThrows(LinkException.class, () -> engine.instantiate(linked.bytes(), wrongKind)).kind());
        var foreign = Imports.builder().register("state", engine(state).instantiate(state.bytes())).build();
        assertThrows(IllegalArgumentException.class, () -> engine.instantiate(linked.bytes(), foreign));
        var chicory = Imports.builder().register("state", new ChicoryEngine().instantiate(state.bytes())).build();
        assertThrows(IllegalArgumentException.class, () -> engine.instantiate(linked.bytes(), chicory));
    }

    @Test
    void memoriesAndGlobalsAreLive() {
        var module = state();
        var instance = engine(module).instantiate(module.bytes());
        var memory = instance.memory("mem");
        assertEquals(1, memory.pages());
        assertArrayEquals("flint".getBytes(StandardCharsets.US_ASCII), memory.read(16, 5));
        instance.call("poke", i32(100), i32(0xAB));
        assertEquals((byte) 0xAB, memory.read(100, 1)[0]);
        assertEquals(List.of(i32(1)), instance.call("grow", i32(2)));
        assertEquals(3, memory.pages());
        assertEquals(List.of(i32(-1)), instance.call("grow", i32(1)), "the maximum is 3 pages");
        assertEquals(3, instance.defaultMemory().orElseThrow().pages());
        assertThrows(IndexOutOfBoundsException.class, () -> memory.read(3 * 65536 - 1, 2));

        assertEquals(i32(5), instance.global("counter"));
        instance.call("bump", i32(10));
        assertEquals(i32(15), instance.global("counter"));
        assertThrows(IllegalArgumentException.class, () -> instance.global("mem"));
        assertThrows(IllegalArgumentException.class, () -> instance.memory("counter"));
    }

    @Test
    void instantiationFailures() {
        var module = arith();
        Engine engine = engine(module);
        assertEquals(ModuleException.Kind.MALFORMED, assertThrows(ModuleException.class,
                () -> engine.instantiate("not wasm".getBytes(StandardCharsets.US_ASCII))).kind());

        var invalid = new ModuleBuilder();
        invalid.exportFunction("f", invalid.function(I32_TO_I32, List.of(op(Opcode.I32_ADD))));
        assertEquals(ModuleException.Kind.INVALID, assertThrows(ModuleException.class,
                () -> new FlintEngine(flint.compiler.NativeCompiler::compile).instantiate(invalid.encode())).kind(),
                "the compiler validates as it converts");

        var broken = new FlintEngine(m -> {
            throw new IllegalStateException("no backend yet");
        });
        assertInstanceOf(EngineFailure.class, assertThrows(EngineFailure.class, () -> broken.instantiate(module.bytes())));

        var simd = new ModuleBuilder();
        simd.exportFunction("f", simd.function(FuncType.of(List.of(VecType.V128), List.of()), List.of()));
        simd.exportFunction("g", simd.function(I32_TO_I32, List.of(Instruction.localGet(0))));
        var mixed = new FlintEngine(flint.compiler.NativeCompiler::compile).instantiate(simd.encode());
        assertEquals(List.of(Value.i32(5)), mixed.call("g", List.of(Value.i32(5))), "supported functions run");
        var failure = assertThrows(EngineFailure.class, () -> mixed.call("f", List.of(new Value.V128(0, 0))),
                "SIMD is not supported yet: inconclusive, not a verdict");
        assertTrue(failure.getMessage().startsWith("not supported by flint yet: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("v128"), failure.getMessage());

        var data = new ModuleBuilder();
        data.memory(Limits.of(1));
        data.exportMemory("m", 0);
        data.activeData(0, ConstExpr.i32(65535), new byte[] {1, 2});
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, assertThrows(Trap.class,
                () -> engine(new Module(data.encode(), Map.of())).instantiate(data.encode())).kind());

        var start = new ModuleBuilder();
        int f = start.function(FuncType.EMPTY, List.of(op(Opcode.UNREACHABLE)));
        start.exportFunction("f", f).start(f);
        Consumer<HandCompiler.Fn> unreachable = fn -> fn.asm.jmp(fn.trap(WasmTrap.UNREACHABLE));
        assertEquals(TrapKind.UNREACHABLE, assertThrows(Trap.class,
                () -> engine(new Module(start.encode(), Map.of(f, unreachable))).instantiate(start.encode())).kind());
    }
}

package flint.runtime;

import static flint.compiler.x64.asm.Gpr.RAX;
import static flint.compiler.x64.asm.Gpr.RCX;
import static flint.compiler.x64.asm.Size.S32;
import static flint.compiler.x64.asm.Size.S64;
import static flint.wasm.model.NumType.F32;
import static flint.wasm.model.NumType.F64;
import static flint.wasm.model.NumType.I32;
import static flint.wasm.model.NumType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.compiler.Abi;
import flint.compiler.x64.asm.Mem;
import flint.runtime.exec.TrapCode;
import flint.runtime.exec.TrapException;
import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.FuncType;
import flint.wasm.model.Limits;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.value.Value;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Calls through imported-function entries: to Java (the host-call thunk hands the caller's call
 * area to the upcall stub as the argument buffer) and to other instances (the vmctx switches and
 * the caller restores R14 and R15 afterwards), with the same code at the call site.
 */
class ImportTest extends NativeTest {

    private static final FuncType ADD = FuncType.of(List.of(I32, I32), List.of(I32));
    private static final FuncType MIX = FuncType.of(List.of(I64, F32, F64, RefType.EXTERNREF), List.of(F64, RefType.EXTERNREF));

    /**
     * A module importing env.f of {@code type} and exporting {@code call_f}, which passes its
     * parameters on and returns the import's results.
     */
    private NativeInstance forwarding(FuncType type, ImportResolver imports) {
        var b = new ModuleBuilder();
        int f = b.importFunction("env", "f", type);
        int forward = b.function(type, List.of());
        b.exportFunction("call_f", forward).exportFunction("f", f);
        return instantiate(HandCompiler.of(b.build()).function(forward, fn -> {
            for (int i = 0; i < type.params().size(); i++) {
                fn.asm.mov(S64, RAX, fn.param(i));
                fn.asm.mov(S64, fn.arg(i), RAX);
            }
            fn.callImport(f);
            for (int i = 0; i < type.results().size(); i++) {
                fn.asm.mov(S64, RAX, fn.arg(i));
                fn.asm.mov(S64, fn.result(i), RAX);
            }
        }), imports);
    }

    private static HostFunction host(FuncType type, HostFunction.Body body) {
        return new HostFunction("env.f", type, body);
    }

    @Test
    void wasmCallsJavaWithArgumentsAndResults() {
        var add = host(ADD, args -> List.of(Value.i32(((Value.I32) args.get(0)).value() + ((Value.I32) args.get(1)).value())));
        var instance = forwarding(ADD, imports("env", "f", add));
        assertEquals(List.of(Value.i32(5)), call(instance, "call_f", Value.i32(2), Value.i32(3)));
        assertSame(add, instance.function("f"), "a re-exported import is the same function");
    }

    @Test
    void everyValueKindCrossesToJavaAndBack() {
        var seen = new AtomicReference<List<Value>>();
        var mix = host(MIX, args -> {
            seen.set(args);
            return List.of(new Value.F64(0x7FF4_0000_0000_0001L), args.get(3));
        });
        var instance = forwarding(MIX, imports("env", "f", mix));
        var handle = List.of("any", "java", "object");
        var args = List.of(Value.i64(-5), new Value.F32(0x7FA0_0001), Value.f64(0.5), new Value.ExternRef(handle));
        assertEquals(List.of(new Value.F64(0x7FF4_0000_0000_0001L), new Value.ExternRef(handle)),
                instance.function("call_f").call(args));
        assertEquals(args, seen.get(), "the host saw exactly what was passed, NaN payload included");
    }

    @Test
    void aThrowingHostTrapsWithItsCause() {
        var thrown = new IllegalStateException("boom");
        var instance = forwarding(FuncType.EMPTY, imports("env", "f", host(FuncType.EMPTY, args -> {
            throw thrown;
        })));
        for (int i = 0; i < 3; i++) {
            var trap = assertTrap(TrapCode.HOST_ERROR, () -> call(instance, "call_f"));
            assertSame(thrown, trap.getCause());
        }
        var direct = assertTrap(TrapCode.HOST_ERROR, () -> call(instance, "f"));
        assertSame(thrown, direct.getCause(), "called from Java directly: the same mapping");
    }

    @Test
    void wrongResultsFromAHostAreHostErrors() {
        var instance = forwarding(ADD, imports("env", "f", host(ADD, args -> List.of(Value.i64(1)))));
        var trap = assertTrap(TrapCode.HOST_ERROR, () -> call(instance, "call_f", Value.i32(1), Value.i32(2)));
        assertInstanceOf(IllegalStateException.class, trap.getCause());
        assertTrue(trap.getCause().getMessage().contains("env.f"), trap.getCause().getMessage());
    }

    @Test
    void aHostMayTrapWithAChosenCode() {
        var instance = forwarding(FuncType.EMPTY, imports("env", "f", host(FuncType.EMPTY, args -> {
            throw new TrapException(TrapCode.UNREACHABLE);
        })));
        assertTrap(TrapCode.UNREACHABLE, () -> call(instance, "call_f"));
    }

    @Test
    void aHostMayCallBackIntoWasmAndPassItsTrapsOn() {
        var self = new AtomicReference<NativeInstance>();
        var reentering = host(ADD, args -> {
            int a = ((Value.I32) args.get(0)).value();
            if (a < 0) {
                return call(self.get(), "call_f", Value.i32(a + 1), args.get(1)); // recursion through Java
            }
            if (a == 100) {
                call(self.get(), "boom"); // traps: the TrapException passes through this host unchanged
            }
            return List.of(Value.i32(a * 10 + ((Value.I32) args.get(1)).value()));
        });
        var b = new ModuleBuilder();
        int f = b.importFunction("env", "f", ADD);
        int forward = b.function(ADD, List.of());
        int boom = b.function(FuncType.EMPTY, List.of());
        b.exportFunction("call_f", forward).exportFunction("boom", boom);
        self.set(instantiate(HandCompiler.of(b.build())
                .function(forward, fn -> {
                    fn.asm.mov(S64, RAX, fn.param(0));
                    fn.asm.mov(S64, fn.arg(0), RAX);
                    fn.asm.mov(S64, RAX, fn.param(1));
                    fn.asm.mov(S64, fn.arg(1), RAX);
                    fn.callImport(f);
                    fn.asm.mov(S64, RAX, fn.arg(0));
                    fn.asm.mov(S64, fn.result(0), RAX);
                })
                .function(boom, fn -> fn.asm.jmp(fn.trap(flint.compiler.WasmTrap.INTEGER_OVERFLOW))),
                imports("env", "f", reentering)));
        assertEquals(List.of(Value.i32(7)), call(self.get(), "call_f", Value.i32(-3), Value.i32(7)), "three levels deep");
        assertTrap(TrapCode.INTEGER_OVERFLOW, () -> call(self.get(), "call_f", Value.i32(100), Value.i32(0)));
        assertEquals(List.of(Value.i32(12)), call(self.get(), "call_f", Value.i32(1), Value.i32(2)));
    }

    @Test
    void aHostErrorKeepsItsCauseThroughNestedCalls() {
        // Java -> Wasm -> outer host -> Wasm -> inner host, which throws: the outermost caller sees
        // the inner host's exception, though it crossed two host functions and two entries
        var thrown = new ArithmeticException("inner");
        var inner = forwarding(FuncType.EMPTY, imports("env", "f", host(FuncType.EMPTY, args -> {
            throw thrown;
        })));
        var outer = forwarding(FuncType.EMPTY, imports("env", "f", host(FuncType.EMPTY, args -> call(inner, "call_f"))));
        var trap = assertTrap(TrapCode.HOST_ERROR, () -> call(outer, "call_f"));
        assertSame(thrown, trap.getCause());
    }

    @Test
    void callsIntoAnotherInstanceSwitchTheVmctxAndComeBack() {
        // A: its own memory holds 0xAA at 0; peek(addr) loads a byte through A's R15
        var a = new ModuleBuilder();
        a.memory(Limits.of(1));
        int peek = a.function(FuncType.of(List.of(I32), List.of(I32)), List.of());
        a.exportFunction("peek", peek);
        a.activeData(0, ConstExpr.i32(0), new byte[] {(byte) 0xAA});
        var peekBody = peekBody();
        var exporter = instantiate(HandCompiler.of(a.build()).function(peek, peekBody));

        // B: its own memory holds 0xBB at 0; both(addr) = A.peek(addr) * 256 + B's own peek(addr)
        var b = new ModuleBuilder();
        int imported = b.importFunction("a", "peek", FuncType.of(List.of(I32), List.of(I32)));
        b.memory(Limits.of(1));
        int both = b.function(FuncType.of(List.of(I32), List.of(I32)), List.of());
        int own = b.function(FuncType.of(List.of(I32), List.of(I32)), List.of());
        b.exportFunction("both", both).exportFunction("reexported", imported);
        b.activeData(0, ConstExpr.i32(0), new byte[] {(byte) 0xBB});
        var importer = instantiate(HandCompiler.of(b.build())
                .function(own, peekBody)
                .function(both, fn -> {
                    fn.asm.mov(S32, RAX, fn.param(0));
                    fn.asm.mov(S32, fn.arg(0), RAX);
                    fn.callImport(imported); // R14 = A's vmctx in the callee, back to B's afterwards
                    fn.asm.mov(S32, RAX, fn.arg(0));
                    fn.asm.shl(S32, RAX, 8);
                    fn.asm.mov(S32, fn.local(0), RAX);
                    fn.asm.mov(S32, RAX, fn.param(0));
                    fn.asm.mov(S32, fn.arg(0), RAX);
                    fn.call(own); // reads through R15: must be B's memory again
                    fn.asm.mov(S32, RAX, fn.arg(0));
                    fn.asm.add(S32, RAX, fn.local(0));
                    fn.asm.mov(S32, fn.result(0), RAX);
                }), imports("a", "peek", exporter.function("peek")));

        assertEquals(List.of(Value.i32(0xAABB)), call(importer, "both", Value.i32(0)));
        assertSame(exporter.function("peek"), importer.function("reexported"), "the same function, not a copy");
        assertEquals(List.of(Value.i32(0xAA)), call(importer, "reexported", Value.i32(0)), "runs in A");
        assertTrap(TrapCode.OUT_OF_BOUNDS_MEMORY, () -> call(importer, "both", Value.i32(65536)));
    }

    /** peek(addr) -> the byte at addr in memory 0. */
    private static java.util.function.Consumer<HandCompiler.Fn> peekBody() {
        return fn -> {
            fn.asm.mov(S32, RAX, fn.param(0));
            fn.boundsCheck(RAX, 1, RCX);
            fn.asm.movzx(S32, RAX, flint.compiler.x64.asm.Size.S8, Mem.of(Abi.MEMORY_BASE, RAX, 1, 0));
            fn.asm.mov(S32, fn.result(0), RAX);
        };
    }

    @Test
    void missingAndMismatchedImportsDoNotLink() {
        var missing = assertThrows(UnlinkableException.class, () -> forwarding(ADD, ImportResolver.NONE));
        assertEquals(UnlinkableException.Kind.UNKNOWN_IMPORT, missing.kind());
        assertEquals("unknown import: env.f", missing.getMessage());

        var wrong = host(FuncType.of(List.of(I32), List.of(I32)), args -> args);
        var mismatch = assertThrows(UnlinkableException.class, () -> forwarding(ADD, imports("env", "f", wrong)));
        assertEquals(UnlinkableException.Kind.INCOMPATIBLE_IMPORT_TYPE, mismatch.kind());

        var memory = new ModuleBuilder();
        memory.memory(Limits.of(1));
        memory.exportMemory("mem", 0);
        var notAFunction = instantiate(HandCompiler.of(memory.build())).memory("mem");
        assertEquals(UnlinkableException.Kind.INCOMPATIBLE_IMPORT_TYPE, assertThrows(UnlinkableException.class,
                () -> forwarding(ADD, imports("env", "f", notAFunction))).kind());
    }

    @Test
    void instancesOfAnotherStoreCannotBeImported() {
        try (var other = NativeStore.create()) {
            var b = new ModuleBuilder();
            int answer = b.function(FuncType.of(List.of(), List.of(I32)), List.of());
            b.exportFunction("answer", answer);
            NativeInstance foreign;
            try (var module = HandCompiler.of(b.build()).function(answer, fn -> fn.asm.movImm(S32, fn.result(0), 1)).load()) {
                foreign = NativeInstance.instantiate(other, module, ImportResolver.NONE);
            }
            assertThrows(IllegalArgumentException.class,
                    () -> forwarding(FuncType.of(List.of(), List.of(I32)), imports("env", "f", foreign.function("answer"))));
            foreign.close();
        }
    }

    @Test
    void hostFunctionsRefuseTypesTheRuntimeCannotPass() {
        assertThrows(IllegalArgumentException.class,
                () -> new HostFunction("x", FuncType.of(List.<ValType>of(RefType.EXNREF), List.of()), args -> List.of()));
    }
}

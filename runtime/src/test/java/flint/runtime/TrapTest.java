package flint.runtime;

import static flint.compiler.x64.asm.Gpr.RAX;
import static flint.compiler.x64.asm.Size.S32;
import static flint.compiler.x64.asm.Size.S64;
import static flint.wasm.model.NumType.I32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.compiler.AbiSequences;
import flint.compiler.WasmTrap;
import flint.runtime.exec.TrapCode;
import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.FuncType;
import flint.wasm.value.Value;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Traps raised by generated code: a jump to the trap stub from any depth, the stack limit checked
 * in every prologue, the interrupt flag at function entries and loop headers.
 */
class TrapTest extends NativeTest {

    private static final FuncType I32_TO_I32 = FuncType.of(List.of(I32), List.of(I32));

    /**
     * A module with: {@code trap(code)} traps with the given code three calls deep;
     * {@code recurse(n)} calls itself forever; {@code spin()} loops forever; {@code answer()} = 42.
     */
    private NativeInstance traps() {
        var b = new ModuleBuilder();
        int trap = b.function(FuncType.of(List.of(I32), List.of()), List.of());
        int deeper = b.function(FuncType.of(List.of(I32), List.of()), List.of());
        int deepest = b.function(FuncType.of(List.of(I32), List.of()), List.of());
        int recurse = b.function(I32_TO_I32, List.of());
        int spin = b.function(FuncType.EMPTY, List.of());
        int answer = b.function(FuncType.of(List.of(), List.of(I32)), List.of());
        b.exportFunction("trap", trap).exportFunction("recurse", recurse).exportFunction("spin", spin)
                .exportFunction("answer", answer);
        return instantiate(HandCompiler.of(b.build())
                .function(trap, f -> forward(f, deeper))
                .function(deeper, f -> forward(f, deepest))
                .function(deepest, f -> {
                    // the trap sequence with a code from a register rather than an immediate
                    f.asm.mov(S32, flint.compiler.Abi.TRAP_CODE, f.param(0));
                    f.asm.mov(S64, flint.compiler.Abi.TRAP_VMCTX, flint.compiler.Abi.VMCTX);
                    f.asm.mov(S64, RAX, flint.compiler.x64.asm.Mem.of(flint.compiler.Abi.VMCTX, 0));
                    f.asm.jmp(flint.compiler.x64.asm.Mem.of(RAX, flint.compiler.Abi.EXEC_TRAP_STUB));
                })
                .function(recurse, f -> {
                    f.asm.mov(S32, RAX, f.param(0));
                    f.asm.add(S32, RAX, 1);
                    f.asm.mov(S32, f.arg(0), RAX);
                    f.call(recurse);
                    f.asm.mov(S32, RAX, f.arg(0));
                    f.asm.mov(S32, f.result(0), RAX);
                })
                .function(spin, f -> {
                    var loop = f.asm.here();
                    AbiSequences.interruptCheck(f.asm, f.trap(WasmTrap.INTERRUPTED));
                    f.asm.jmp(loop);
                })
                .function(answer, f -> f.asm.movImm(S32, f.result(0), 42)));
    }

    private static void forward(HandCompiler.Fn f, int callee) {
        f.asm.mov(S32, RAX, f.param(0));
        f.asm.mov(S32, f.arg(0), RAX);
        f.call(callee);
    }

    @ParameterizedTest
    @EnumSource(value = TrapCode.class, names = "HOST_ERROR", mode = EnumSource.Mode.EXCLUDE)
    void aTrapFromDeepInsideReachesJavaWithItsCode(TrapCode code) {
        var instance = traps();
        for (int i = 0; i < 3; i++) {
            assertTrap(code, () -> call(instance, "trap", Value.i32(code.code())));
            assertEquals(List.of(Value.i32(42)), call(instance, "answer"), "the instance is usable afterwards");
        }
    }

    @Test
    void unreachableThroughTheCanonicalSequence() {
        var b = new ModuleBuilder();
        int unreachable = b.function(FuncType.EMPTY, List.of());
        b.exportFunction("unreachable", unreachable);
        var instance = instantiate(HandCompiler.of(b.build())
                .function(unreachable, f -> f.asm.jmp(f.trap(WasmTrap.UNREACHABLE))));
        var trap = assertTrap(TrapCode.UNREACHABLE, () -> call(instance, "unreachable"));
        assertEquals("unreachable", trap.getMessage());
    }

    @Test
    void deepRecursionExhaustsTheStackCleanly() {
        var instance = traps();
        for (int i = 0; i < 2; i++) {
            assertTrap(TrapCode.CALL_STACK_EXHAUSTED, () -> call(instance, "recurse", Value.i32(0)));
            assertEquals(List.of(Value.i32(42)), call(instance, "answer"));
        }
        assertEquals(0, store.execContext().savedSp(), "no entry left active");
    }

    @Test
    void recursionRunsOnTheStoresBigStack() {
        // about 48 bytes a level: a default 1 MiB Java thread stack would give out near 15,000
        // levels; the store's 64 MiB thread goes far deeper before the same trap
        var instance = traps();
        var limit = store.execContext();
        assertTrap(TrapCode.CALL_STACK_EXHAUSTED, () -> call(instance, "recurse", Value.i32(0)));
        long used = limit.entrySp() - limit.stackLimit();
        assertTrue(used > 32L << 20, "Wasm had " + used + " bytes of stack");
    }

    @Test
    @Timeout(30)
    void aWatchdogInterruptsALoop() throws Exception {
        var instance = traps();
        try (var watchdog = Executors.newSingleThreadScheduledExecutor()) {
            var ticking = watchdog.scheduleAtFixedRate(store::interrupt, 20, 20, TimeUnit.MILLISECONDS);
            assertTrap(TrapCode.INTERRUPTED, () -> call(instance, "spin"));
            ticking.cancel(false);
        }
        assertFalse(store.execContext().isInterruptRequested(), "the request ends with the call");
        assertEquals(List.of(Value.i32(42)), call(instance, "answer"));
    }

    @Test
    void anInterruptWithoutARunningCallIsDropped() {
        var instance = traps();
        store.interrupt();
        assertFalse(store.execContext().isInterruptRequested());
        assertEquals(List.of(Value.i32(42)), call(instance, "answer"));
    }

    @Test
    void trapSitesAreRecorded() {
        var b = new ModuleBuilder();
        b.memory(flint.wasm.model.Limits.of(1));
        int load = b.function(I32_TO_I32, List.of());
        var compiled = HandCompiler.of(b.build()).function(load, f -> {
            f.asm.mov(S32, RAX, f.param(0));
            f.boundsCheck(RAX, 4, flint.compiler.x64.asm.Gpr.RCX);
        }).compile();
        var site = compiled.trapSites().getFirst();
        assertEquals(WasmTrap.OUT_OF_BOUNDS_MEMORY, site.trap());
        assertEquals(load, site.function());
    }
}

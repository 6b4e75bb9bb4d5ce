package flint.runtime;

import static flint.compiler.x64.asm.Gpr.RAX;
import static flint.compiler.x64.asm.Gpr.RCX;
import static flint.compiler.x64.asm.Size.S32;
import static flint.compiler.x64.asm.Size.S64;
import static flint.wasm.model.NumType.I32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.compiler.Abi;
import flint.compiler.x64.asm.Mem;
import flint.runtime.exec.TrapCode;
import flint.runtime.memory.LinearMemory;
import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.FuncType;
import flint.wasm.model.Instruction;
import flint.wasm.model.Limits;
import flint.wasm.value.Value;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who keeps what alive: instances lease their code and the instances they import from; nothing
 * is freed while Wasm runs in the store; abandoned instances are freed by the garbage collector.
 * Also the last steps of instantiation: the start function.
 */
class LifetimeTest extends NativeTest {

    private static final FuncType TO_I32 = FuncType.of(List.of(), List.of(I32));

    /** A module with a memory holding 42 at 0 and {@code first()} loading it, optionally calling env.hook first. */
    private static HandCompiler memoryModule(boolean withHook) {
        var b = new ModuleBuilder();
        int hook = withHook ? b.importFunction("env", "hook", FuncType.EMPTY) : -1;
        b.memory(Limits.of(1));
        int first = b.function(TO_I32, List.of());
        b.exportFunction("first", first).exportMemory("mem", 0);
        b.activeData(0, ConstExpr.i32(0), new byte[] {42});
        return HandCompiler.of(b.build()).function(first, fn -> {
            if (withHook) {
                fn.callImport(hook);
            }
            fn.asm.alu(flint.compiler.x64.asm.AluOp.XOR, S32, RAX, RAX);
            fn.boundsCheck(RAX, 4, RCX);
            fn.asm.mov(S32, RAX, Mem.of(Abi.MEMORY_BASE, RAX, 1, 0));
            fn.asm.mov(S32, fn.result(0), RAX);
        });
    }

    @Test
    void instancesLeaseTheirCode() {
        var module = memoryModule(false).load();
        var instance = NativeInstance.instantiate(store, module, ImportResolver.NONE);
        module.close();
        assertTrue(module.code().isClosed());
        assertFalse(module.code().isUnmapped(), "the instance holds a lease");
        assertEquals(List.of(Value.i32(42)), call(instance, "first"));
        instance.close();
        assertTrue(module.code().isUnmapped());
    }

    @Test
    void aClosedInstanceRefusesCallsInsteadOfCrashing() {
        var instance = instantiate(memoryModule(false));
        var first = instance.function("first");
        var memory = instance.memory("mem");
        var linear = memory.linearMemory();
        instance.close();
        instance.close(); // idempotent
        assertTrue(linear.isClosed());
        assertThrows(IllegalStateException.class, () -> first.call(List.of()));
        assertThrows(IllegalStateException.class, () -> memory.read(0, 1));
    }

    @Test
    void importersKeepExportersAlive() {
        var exporter = instantiate(memoryModule(false));
        var linear = exporter.memory("mem").linearMemory();
        var b = new ModuleBuilder();
        int first = b.importFunction("env", "first", TO_I32);
        b.importMemory("env", "mem", Limits.of(1));
        b.exportFunction("first", first);
        var importer = instantiate(HandCompiler.of(b.build()),
                imports("env", "first", exporter.function("first"), "mem", exporter.memory("mem")));
        exporter.close();
        assertFalse(linear.isClosed(), "leased by the importer");
        assertEquals(List.of(Value.i32(42)), call(importer, "first"));
        importer.close();
        assertTrue(linear.isClosed(), "freed with the last lease");
    }

    @Test
    void closingAnInstanceWhileItRunsWaitsForTheCallToEnd() {
        var self = new AtomicReference<NativeInstance>();
        var closer = new HostFunction("env.hook", FuncType.EMPTY, args -> {
            self.get().close(); // its frames are on the stack below this host function
            assertTrue(store.isRunning());
            return List.of();
        });
        var instance = instantiate(memoryModule(true), imports("env", "hook", closer));
        self.set(instance);
        var linear = instance.memory("mem").linearMemory();
        assertEquals(List.of(Value.i32(42)), call(instance, "first"), "the memory outlived the close");
        assertTrue(linear.isClosed(), "freed once the call ended");
    }

    @Test
    @Timeout(60)
    void abandonedInstancesAreFreedByTheCollector() throws InterruptedException {
        LinearMemory linear;
        try (var module = memoryModule(false).load()) {
            linear = NativeInstance.instantiate(store, module, ImportResolver.NONE).memory("mem").linearMemory();
        }
        for (int i = 0; i < 200 && !linear.isClosed(); i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertTrue(linear.isClosed(), "the cleaner released the unreachable instance");
    }

    @Test
    void theStartFunctionRunsDuringInstantiation() {
        var b = new ModuleBuilder();
        int g = b.global(I32, true, ConstExpr.of(Instruction.i32(0)));
        int start = b.function(FuncType.EMPTY, List.of());
        b.exportGlobal("ran", g).start(start);
        var instance = instantiate(HandCompiler.of(b.build()).function(start, fn ->
                fn.asm.movImm(S32, Mem.of(Abi.VMCTX, fn.layout().global(g)), 1)));
        assertEquals(Value.i32(1), instance.global("ran").get());
    }

    @Test
    void aTrappingStartFunctionFailsInstantiation() {
        var b = new ModuleBuilder();
        int start = b.function(FuncType.EMPTY, List.of());
        b.start(start);
        assertTrap(TrapCode.INTEGER_DIVIDE_BY_ZERO, () -> instantiate(HandCompiler.of(b.build()).function(start,
                fn -> fn.asm.jmp(fn.trap(flint.compiler.WasmTrap.INTEGER_DIVIDE_BY_ZERO)))));
    }

    @Test
    void anImportedStartFunctionIsCalled() {
        var ran = new AtomicReference<Boolean>(false);
        var b = new ModuleBuilder();
        int start = b.importFunction("env", "start", FuncType.EMPTY);
        b.start(start);
        instantiate(HandCompiler.of(b.build()), imports("env", "start", new HostFunction("env.start", FuncType.EMPTY, args -> {
            ran.set(true);
            return List.of();
        })));
        assertTrue(ran.get());
    }

    @Test
    void aStoreOnTheCallingThreadRunsWasmThere() {
        try (var here = NativeStore.create(NativeStore.Config.onCallingThread())) {
            var thread = new AtomicReference<Thread>();
            var b = new ModuleBuilder();
            int hook = b.importFunction("env", "hook", FuncType.EMPTY);
            int run = b.function(FuncType.EMPTY, List.of());
            b.exportFunction("run", run);
            try (var module = HandCompiler.of(b.build()).function(run, fn -> fn.callImport(hook)).load()) {
                var instance = NativeInstance.instantiate(here, module, imports("env", "hook",
                        new HostFunction("env.hook", FuncType.EMPTY, args -> {
                            thread.set(Thread.currentThread());
                            return List.of();
                        })));
                call(instance, "run");
                assertEquals(Thread.currentThread(), thread.get());
                instance.close();
            }
        }
    }
}

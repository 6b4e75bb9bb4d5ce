package flint.runtime;

import static flint.compiler.x64.asm.Gpr.RAX;
import static flint.compiler.x64.asm.Gpr.RCX;
import static flint.compiler.x64.asm.Gpr.RDI;
import static flint.compiler.x64.asm.Gpr.RDX;
import static flint.compiler.x64.asm.Gpr.RSI;
import static flint.compiler.x64.asm.Size.S32;
import static flint.compiler.x64.asm.Size.S64;
import static flint.wasm.model.NumType.I32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.compiler.Abi;
import flint.compiler.AbiSequences;
import flint.compiler.RuntimeHelper;
import flint.compiler.x64.asm.Mem;
import flint.compiler.x64.asm.Relocation;
import flint.runtime.exec.TrapCode;
import flint.runtime.memory.MemoryLimitException;
import flint.runtime.memory.MemoryPolicy;
import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.FuncType;
import flint.wasm.model.Limits;
import flint.wasm.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Linear memory from generated code: accesses through the pinned base (R15) after a bounds check
 * against the length in the vmctx, {@code memory.size} from the vmctx, {@code memory.grow} through
 * the runtime helper, data segments, and memories shared between instances.
 */
class MemoryTest extends NativeTest {

    private static final FuncType I32_TO_I32 = FuncType.of(List.of(I32), List.of(I32));
    private static final FuncType I32_I32_TO_NONE = FuncType.of(List.of(I32, I32), List.of());
    private static final FuncType TO_I32 = FuncType.of(List.of(), List.of(I32));

    /** Indices of the functions {@link #memoryFunctions} adds. */
    private record Functions(int load, int store, int size, int grow, int growAbs) {}

    /**
     * Adds load(addr) -> i32, store(addr, value), size() -> pages, grow(delta) -> old (a REL32 call
     * to the helper) and grow_abs(delta) (the helper's absolute address), all on memory 0.
     */
    private static Functions memoryFunctions(ModuleBuilder b) {
        var functions = new Functions(b.function(I32_TO_I32, List.of()), b.function(I32_I32_TO_NONE, List.of()),
                b.function(TO_I32, List.of()), b.function(I32_TO_I32, List.of()), b.function(I32_TO_I32, List.of()));
        b.exportFunction("load", functions.load()).exportFunction("store", functions.store())
                .exportFunction("size", functions.size()).exportFunction("grow", functions.grow())
                .exportFunction("grow_abs", functions.growAbs());
        return functions;
    }

    private static HandCompiler withBodies(HandCompiler module, Functions f) {
        return module
                .function(f.load(), fn -> {
                    fn.asm.mov(S32, RAX, fn.param(0)); // zero-extends the i32 address
                    fn.boundsCheck(RAX, 4, RCX);
                    fn.asm.mov(S32, RAX, Mem.of(Abi.MEMORY_BASE, RAX, 1, 0));
                    fn.asm.mov(S32, fn.result(0), RAX);
                })
                .function(f.store(), fn -> {
                    fn.asm.mov(S32, RAX, fn.param(0));
                    fn.boundsCheck(RAX, 4, RCX);
                    fn.asm.mov(S32, RCX, fn.param(1));
                    fn.asm.mov(S32, Mem.of(Abi.MEMORY_BASE, RAX, 1, 0), RCX);
                })
                .function(f.size(), fn -> {
                    fn.asm.mov(S64, RAX, Mem.of(Abi.VMCTX, Abi.MEMORY0_LENGTH));
                    fn.asm.shr(S64, RAX, 16);
                    fn.asm.mov(S32, fn.result(0), RAX);
                })
                .function(f.grow(), fn -> {
                    fn.asm.mov(S32, RDX, fn.param(0));
                    AbiSequences.memoryGrow(fn.asm, 0);
                    fn.asm.mov(S32, fn.result(0), RAX);
                })
                .function(f.growAbs(), fn -> {
                    fn.asm.mov(S32, RDX, fn.param(0));
                    fn.asm.mov(S64, RDI, Abi.VMCTX);
                    fn.asm.movImm(S32, RSI, 0);
                    fn.asm.movabs(RAX, RuntimeHelper.MEMORY_GROW.target());
                    fn.asm.call(RAX);
                    fn.asm.mov(S32, fn.result(0), RAX);
                });
    }

    private NativeInstance memoryModule(Limits limits) {
        var b = new ModuleBuilder();
        b.memory(limits);
        b.exportMemory("mem", 0);
        var functions = memoryFunctions(b);
        b.activeData(0, ConstExpr.i32(16), "flint".getBytes(StandardCharsets.US_ASCII));
        return instantiate(withBodies(HandCompiler.of(b.build()), functions));
    }

    @Test
    void loadsAndStoresGoThroughThePinnedBase() {
        var instance = memoryModule(Limits.of(1, 3));
        var memory = instance.memory("mem");
        call(instance, "store", Value.i32(100), Value.i32(0x1234_5678));
        assertArrayEquals(new byte[] {0x78, 0x56, 0x34, 0x12}, memory.read(100, 4), "little-endian, at base + 100");
        memory.write(200, new byte[] {1, 2, 3, 4});
        assertEquals(List.of(Value.i32(0x0403_0201)), call(instance, "load", Value.i32(200)));
        assertEquals(List.of(Value.i32(0)), call(instance, "load", Value.i32(65532)), "the last word is in bounds");
    }

    @Test
    void accessesOutOfBoundsTrapInsteadOfFaulting() {
        var instance = memoryModule(Limits.of(1, 3));
        for (int address : new int[] {65533, 65536, -1, Integer.MIN_VALUE}) {
            assertTrap(TrapCode.OUT_OF_BOUNDS_MEMORY, () -> call(instance, "load", Value.i32(address)));
            assertTrap(TrapCode.OUT_OF_BOUNDS_MEMORY, () -> call(instance, "store", Value.i32(address), Value.i32(1)));
        }
    }

    @Test
    void activeDataSegmentsAreApplied() {
        var instance = memoryModule(Limits.of(1));
        assertArrayEquals("flint".getBytes(StandardCharsets.US_ASCII), instance.memory("mem").read(16, 5));
        assertEquals(instance.memory("mem").byteSize(), instance.defaultMemory().orElseThrow().byteSize());
    }

    @Test
    void growThroughTheHelperMovesTheBoundsButNotTheBase() {
        var instance = memoryModule(Limits.of(1, 4));
        var memory = instance.memory("mem");
        assertEquals(List.of(Value.i32(1)), call(instance, "size"));
        assertTrap(TrapCode.OUT_OF_BOUNDS_MEMORY, () -> call(instance, "store", Value.i32(70000), Value.i32(7)));

        assertEquals(List.of(Value.i32(1)), call(instance, "grow", Value.i32(1)), "old size");
        assertEquals(List.of(Value.i32(2)), call(instance, "size"), "the vmctx saw the new length");
        call(instance, "store", Value.i32(70000), Value.i32(7));
        assertEquals(List.of(Value.i32(7)), call(instance, "load", Value.i32(70000)));
        assertArrayEquals("flint".getBytes(StandardCharsets.US_ASCII), memory.read(16, 5), "contents kept");

        assertEquals(List.of(Value.i32(2)), call(instance, "grow_abs", Value.i32(2)), "through the absolute address");
        assertEquals(4, memory.pages());
        assertEquals(List.of(Value.i32(-1)), call(instance, "grow", Value.i32(1)), "past the maximum");
        assertEquals(List.of(Value.i32(-1)), call(instance, "grow", Value.i32(-1)), "a huge unsigned delta");
        assertEquals(List.of(Value.i32(4)), call(instance, "grow", Value.i32(0)));
        assertEquals(List.of(Value.i32(4)), call(instance, "size"));
    }

    @Test
    void helperCallsGoThroughVeneersInTheModule() {
        var b = new ModuleBuilder();
        b.memory(Limits.of(1));
        var functions = memoryFunctions(b);
        var compiled = withBodies(HandCompiler.of(b.build()), functions).compile();
        assertEquals(List.of(Relocation.Kind.REL32, Relocation.Kind.ABS64),
                compiled.relocations().stream().map(Relocation::kind).toList());
        try (var module = NativeModule.load(compiled)) {
            assertTrue(module.code().codeSize() > compiled.codeSize(), "a veneer follows the code");
        }
    }

    @Test
    void dataOutOfBoundsTrapsAtInstantiation() {
        var b = new ModuleBuilder();
        b.memory(Limits.of(1));
        b.activeData(0, ConstExpr.i32(65534), new byte[] {1, 2, 3});
        var module = HandCompiler.of(b.build());
        assertTrap(TrapCode.OUT_OF_BOUNDS_MEMORY, () -> instantiate(module));
        var empty = new ModuleBuilder();
        empty.memory(Limits.of(0));
        empty.activeData(0, ConstExpr.i32(0), new byte[0]);
        instantiate(HandCompiler.of(empty.build())); // an empty segment at the end is in bounds
    }

    @Test
    void anImportedMemoryIsSharedAndGrowsForEveryone() {
        var exporter = memoryModule(Limits.of(1, 4));
        var b = new ModuleBuilder();
        b.importMemory("env", "mem", Limits.of(1));
        var functions = memoryFunctions(b);
        var importer = instantiate(withBodies(HandCompiler.of(b.build()), functions),
                imports("env", "mem", exporter.memory("mem")));

        call(exporter, "store", Value.i32(300), Value.i32(99));
        assertEquals(List.of(Value.i32(99)), call(importer, "load", Value.i32(300)), "one memory");

        assertEquals(List.of(Value.i32(1)), call(exporter, "grow", Value.i32(1)));
        assertEquals(List.of(Value.i32(2)), call(importer, "size"), "the importer's vmctx record followed");
        call(importer, "store", Value.i32(70000), Value.i32(5));
        assertEquals(List.of(Value.i32(2)), call(importer, "grow", Value.i32(1)), "grown through the importer");
        assertEquals(List.of(Value.i32(3)), call(exporter, "size"));
        assertEquals(List.of(Value.i32(5)), call(exporter, "load", Value.i32(70000)));
        assertEquals(exporter.memory("mem").pages(), importer.defaultMemory().orElseThrow().pages());
    }

    @Test
    void memoryLimitsMustFitTheImport() {
        var exporter = memoryModule(Limits.of(2, 4));
        var offered = imports("env", "mem", exporter.memory("mem"));
        // fits: actual {min 2, max 4} within each of these
        for (var limits : List.of(Limits.of(1), Limits.of(2), Limits.of(2, 4), Limits.of(0, 5))) {
            instantiate(importing(limits), offered);
        }
        // does not fit
        for (var limits : List.of(Limits.of(3), Limits.of(1, 3),
                new Limits(1, OptionalLong.empty(), true, false), new Limits(1, OptionalLong.empty(), false, true))) {
            var e = assertThrows(UnlinkableException.class, () -> instantiate(importing(limits), offered),
                    limits::toString);
            assertEquals(UnlinkableException.Kind.INCOMPATIBLE_IMPORT_TYPE, e.kind());
        }
        var unbounded = memoryModule(Limits.of(1));
        var e = assertThrows(UnlinkableException.class,
                () -> instantiate(importing(Limits.of(1, 10)), imports("env", "mem", unbounded.memory("mem"))));
        assertTrue(e.getMessage().startsWith("incompatible import type"), e.getMessage());
    }

    private static HandCompiler importing(Limits limits) {
        var b = new ModuleBuilder();
        b.importMemory("env", "mem", limits);
        return HandCompiler.of(b.build());
    }

    @Test
    void theHostPolicyBoundsMemories() {
        var policy = MemoryPolicy.DEFAULT.withMaxBytes32(2 * 65536L);
        try (var small = NativeStore.create(NativeStore.Config.defaults().withMemoryPolicy(policy))) {
            var b = new ModuleBuilder();
            b.memory(Limits.of(3));
            try (var module = HandCompiler.of(b.build()).load()) {
                assertThrows(MemoryLimitException.class, () -> NativeInstance.instantiate(small, module, ImportResolver.NONE));
            }
        }
    }
}

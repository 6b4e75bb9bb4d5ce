package flint.runtime;

import static flint.compiler.x64.asm.Gpr.RAX;
import static flint.compiler.x64.asm.Gpr.RCX;
import static flint.compiler.x64.asm.Gpr.RDI;
import static flint.compiler.x64.asm.Gpr.RDX;
import static flint.compiler.x64.asm.Gpr.RSI;
import static flint.compiler.x64.asm.Gpr.R8;
import static flint.compiler.x64.asm.Gpr.R9;
import static flint.compiler.x64.asm.Size.S64;
import static flint.wasm.model.NumType.I64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import flint.compiler.Abi;
import flint.compiler.RuntimeHelper;
import flint.compiler.WasmTrap;
import flint.compiler.x64.asm.Gpr;
import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.FuncType;
import flint.wasm.model.Limits;
import flint.wasm.model.RefType;
import flint.wasm.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime helpers behind bulk memory and table instructions, called from code the way the
 * compiler calls them (System V, vmctx first): the spec's bounds rules (check everything, then
 * write) and segment drops.
 */
class BulkHelpersTest extends NativeTest {

    private static final List<Gpr> ARGS = List.of(RSI, RDX, RCX, R8, R9);
    private static final FuncType FIVE_TO_ONE = FuncType.of(Collections.nCopies(5, I64), List.of(I64));
    private static final int OOB_MEMORY = WasmTrap.OUT_OF_BOUNDS_MEMORY.code();
    private static final int OOB_TABLE = WasmTrap.OUT_OF_BOUNDS_TABLE.code();

    private NativeInstance instance;

    /** One export per helper: its five arguments after the vmctx from parameters, its RAX as the result. */
    @BeforeEach
    void instantiateHelpers() {
        var b = new ModuleBuilder();
        b.memory(Limits.of(1));
        b.exportMemory("mem", 0);
        b.passiveData("flint".getBytes(StandardCharsets.US_ASCII));
        int table = b.table(RefType.FUNCREF, Limits.of(4, 6));
        b.exportTable("t", table);
        var helpers = List.of(RuntimeHelper.MEMORY_COPY, RuntimeHelper.MEMORY_FILL, RuntimeHelper.MEMORY_INIT,
                RuntimeHelper.DATA_DROP, RuntimeHelper.TABLE_GROW, RuntimeHelper.TABLE_FILL, RuntimeHelper.TABLE_COPY,
                RuntimeHelper.TABLE_INIT, RuntimeHelper.ELEM_DROP);
        var functions = new EnumMap<RuntimeHelper, Integer>(RuntimeHelper.class);
        for (var helper : helpers) {
            int f = b.function(FIVE_TO_ONE, List.of());
            functions.put(helper, f);
            b.exportFunction(helper.name(), f);
        }
        int target = functions.get(RuntimeHelper.MEMORY_COPY);
        b.element(new ElementSegment(RefType.FUNCREF, ElementSegment.PASSIVE,
                List.of(ConstExpr.refFunc(target), ConstExpr.of(new flint.wasm.model.Instruction.RefNull(
                        flint.wasm.model.AbsHeapType.FUNC)))));
        var module = HandCompiler.of(b.build());
        functions.forEach((helper, f) -> module.function(f, fn -> {
            for (int i = 0; i < ARGS.size(); i++) fn.asm.mov(S64, ARGS.get(i), fn.param(i));
            fn.asm.mov(S64, RDI, Abi.VMCTX);
            fn.asm.movabs(RAX, helper.target());
            fn.asm.call(RAX);
            fn.asm.mov(S64, fn.result(0), RAX);
        }));
        instance = instantiate(module);
    }

    private long call(RuntimeHelper helper, long... args) {
        var values = new Value[5];
        for (int i = 0; i < 5; i++) values[i] = Value.i64(i < args.length ? args[i] : 0);
        return ((Value.I64) NativeTest.call(instance, helper.name(), values).getFirst()).value();
    }

    /** The low 32 bits: int32 helpers leave the upper half of RAX undefined. */
    private int status(RuntimeHelper helper, long... args) {
        return (int) call(helper, args);
    }

    private byte[] memory(int from, int length) {
        return instance.memory("mem").read(from, length);
    }

    @Test
    void memoryInitCopiesFromThePassiveSegmentUntilItIsDropped() {
        assertEquals(0, status(RuntimeHelper.MEMORY_INIT, 0, 0, 10, 1, 3));
        assertArrayEquals("lin".getBytes(StandardCharsets.US_ASCII), memory(10, 3));
        assertEquals(OOB_MEMORY, status(RuntimeHelper.MEMORY_INIT, 0, 0, 0, 3, 3), "past the segment's end");
        assertEquals(OOB_MEMORY, status(RuntimeHelper.MEMORY_INIT, 0, 0, 65535, 0, 2), "past the memory's end");
        assertEquals(0, status(RuntimeHelper.MEMORY_INIT, 0, 0, 65536, 5, 0), "empty at both ends is fine");
        call(RuntimeHelper.DATA_DROP, 0);
        assertEquals(OOB_MEMORY, status(RuntimeHelper.MEMORY_INIT, 0, 0, 0, 0, 1), "a dropped segment is empty");
        assertEquals(0, status(RuntimeHelper.MEMORY_INIT, 0, 0, 0, 0, 0));
    }

    @Test
    void memoryCopyHandlesOverlapAndChecksBothRanges() {
        instance.memory("mem").write(100, new byte[] {1, 2, 3, 4, 5});
        assertEquals(0, status(RuntimeHelper.MEMORY_COPY, 0, 0, 102, 100, 5), "forward overlap");
        assertArrayEquals(new byte[] {1, 2, 1, 2, 3, 4, 5}, memory(100, 7));
        assertEquals(0, status(RuntimeHelper.MEMORY_COPY, 0, 0, 100, 102, 5), "backward overlap");
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 4, 5}, memory(100, 7));
        assertEquals(OOB_MEMORY, status(RuntimeHelper.MEMORY_COPY, 0, 0, 0, 65535, 2));
        assertEquals(OOB_MEMORY, status(RuntimeHelper.MEMORY_COPY, 0, 0, 0xFFFF_FFFFL, 0, 1), "no wrap-around");
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 4, 5}, memory(100, 7), "a trapping copy writes nothing");
    }

    @Test
    void memoryFillSetsBytesWithinBounds() {
        assertEquals(0, status(RuntimeHelper.MEMORY_FILL, 0, 200, 0x1AB, 3));
        assertArrayEquals(new byte[] {0, (byte) 0xAB, (byte) 0xAB, (byte) 0xAB, 0}, memory(199, 5), "the low byte");
        assertEquals(OOB_MEMORY, status(RuntimeHelper.MEMORY_FILL, 0, 65530, 7, 7));
        assertArrayEquals(new byte[6], memory(65530, 6));
    }

    @Test
    void tablesGrowFillCopyAndInitFromSegments() {
        var table = instance.table("t");
        assertEquals(0, status(RuntimeHelper.TABLE_INIT, 0, 0, 1, 0, 2));
        var ref = table.get(1);
        assertEquals(instance.function(RuntimeHelper.MEMORY_COPY.name()).type(),
                ((NativeFuncRef) ((Value.FuncRef) ref).handle()).function().type());
        assertEquals(Value.FuncRef.NULL, table.get(2));
        assertEquals(OOB_TABLE, status(RuntimeHelper.TABLE_INIT, 0, 0, 3, 0, 2), "past the table's end");

        long bits = instance.store().values().bits(ref);
        assertEquals(4, call(RuntimeHelper.TABLE_GROW, 0, bits, 2), "old size");
        assertEquals(-1, call(RuntimeHelper.TABLE_GROW, 0, 0, 1), "beyond the maximum of 6");
        assertEquals(ref, table.get(5), "new elements hold the initial value");

        assertEquals(0, status(RuntimeHelper.TABLE_FILL, 0, 2, bits, 2));
        assertEquals(ref, table.get(3));
        assertEquals(OOB_TABLE, status(RuntimeHelper.TABLE_FILL, 0, 5, 0, 2));
        assertEquals(ref, table.get(5), "a trapping fill writes nothing");

        assertEquals(0, status(RuntimeHelper.TABLE_COPY, 0, 0, 0, 1, 1));
        assertEquals(ref, table.get(0));
        assertEquals(OOB_TABLE, status(RuntimeHelper.TABLE_COPY, 0, 0, 0, 5, 2));

        call(RuntimeHelper.ELEM_DROP, 0);
        assertEquals(OOB_TABLE, status(RuntimeHelper.TABLE_INIT, 0, 0, 0, 0, 1), "a dropped segment is empty");
    }
}

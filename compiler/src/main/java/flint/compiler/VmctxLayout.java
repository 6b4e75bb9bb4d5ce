package flint.compiler;

import flint.wasm.model.ImportDesc;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import flint.wasm.model.WasmModule;
import java.util.Objects;

/**
 * Where each of a module's entities sits in an instance's vmctx. Derived from the module alone, so
 * the compiler (which emits the offsets) and the runtime (which fills the struct) compute the same
 * layout; the runtime allocates {@link #size()} bytes per instance.
 *
 * <pre>
 * offset                     size        what
 * 0                          8           execution context pointer (the store's; see Abi)
 * 8                          8           reserved, zero
 * 16 + 16*m                  16          memory m (index space, imports first): {u64 base; u64 byteLength}
 * functions + 16*f           16          imported function f: {u64 code; u64 vmctx}
 * global(g)                  8           imported global g: pointer to its value cell
 * global(g)                  8 or 16     defined global g: its value, inline (v128: 16, 16-aligned)
 * </pre>
 *
 * <p>Memory records are copies kept current by the runtime (every grow, by whichever instance or
 * host, updates every vmctx that has the memory), so a bounds check reads the length with one load
 * and memory 0 has constant offsets ({@link Abi#MEMORY0_BASE}, {@link Abi#MEMORY0_LENGTH}).
 *
 * <p>Globals: a defined global lives inline, so {@code global.get} is one load; an imported one
 * through a pointer to the exporter's cell, because a mutable global is shared and there is one
 * cell. Uniform pointers would cost every access a second dependent load, and defined globals are
 * the hot ones (shadow stack pointers, fuel counters); the compiler knows statically which kind
 * each index is ({@link #isGlobalImported}). A value occupies the low bytes of its cell (4 for
 * i32/f32, 8 for i64/f64/references).
 *
 * <p>Tables and canonical type ids will be appended after the globals.
 */
public final class VmctxLayout {

    private final int memoryCount;
    private final int importedFunctionCount;
    private final int functionsOffset;
    private final int importedGlobalCount;
    private final int[] globalOffsets;
    private final int size;

    private VmctxLayout(int memoryCount, int importedFunctionCount, int importedGlobalCount,
            java.util.List<ValType> globalTypes) {
        this.memoryCount = memoryCount;
        this.importedFunctionCount = importedFunctionCount;
        this.importedGlobalCount = importedGlobalCount;
        int at = Abi.VMCTX_MEMORIES + memoryCount * Abi.MEMORY_RECORD_SIZE;
        this.functionsOffset = at;
        at += importedFunctionCount * Abi.FUNC_ENTRY_SIZE;
        this.globalOffsets = new int[globalTypes.size()];
        for (int g = 0; g < globalTypes.size(); g++) {
            boolean wide = g >= importedGlobalCount && globalTypes.get(g) instanceof VecType;
            if (wide) {
                at = align(at, 16);
            }
            globalOffsets[g] = at;
            at += wide ? 16 : 8;
        }
        this.size = align(at, 16);
    }

    /** The layout of {@code module}'s instances. */
    public static VmctxLayout of(WasmModule module) {
        Objects.requireNonNull(module, "module");
        var globalTypes = module.globalTypes().stream().map(t -> t.type()).toList();
        int importedGlobals = (int) module.imports().stream().filter(i -> i.desc() instanceof ImportDesc.Global).count();
        return new VmctxLayout(module.memoryTypes().size(), module.importedFunctionCount(), importedGlobals, globalTypes);
    }

    private static int align(int value, int alignment) {
        return (value + alignment - 1) & -alignment;
    }

    /** The bytes an instance's vmctx needs; a multiple of 16. */
    public int size() {
        return size;
    }

    public int memoryCount() {
        return memoryCount;
    }

    /** Offset of memory {@code memory}'s base address (never changes). */
    public int memoryBase(int memory) {
        return memoryRecord(memory) + Abi.MEMORY_BASE_FIELD;
    }

    /** Offset of memory {@code memory}'s current length in bytes. */
    public int memoryLength(int memory) {
        return memoryRecord(memory) + Abi.MEMORY_LENGTH_FIELD;
    }

    /** Offset of memory {@code memory}'s {@code {base, byteLength}} record. */
    public int memoryRecord(int memory) {
        Objects.checkIndex(memory, memoryCount);
        return Abi.VMCTX_MEMORIES + memory * Abi.MEMORY_RECORD_SIZE;
    }

    public int importedFunctionCount() {
        return importedFunctionCount;
    }

    /** Offset of imported function {@code function}'s {@code {code, vmctx}} entry. */
    public int importedFunction(int function) {
        Objects.checkIndex(function, importedFunctionCount);
        return functionsOffset + function * Abi.FUNC_ENTRY_SIZE;
    }

    public int globalCount() {
        return globalOffsets.length;
    }

    /**
     * Offset of global {@code global}'s slot: the value itself for a defined global, a pointer to
     * the value for an imported one.
     */
    public int global(int global) {
        Objects.checkIndex(global, globalOffsets.length);
        return globalOffsets[global];
    }

    /** Whether global {@code global}'s slot holds a pointer (imported) rather than the value. */
    public boolean isGlobalImported(int global) {
        Objects.checkIndex(global, globalOffsets.length);
        return global < importedGlobalCount;
    }

    @Override
    public String toString() {
        return "VmctxLayout[%d bytes: %d memories, %d imported functions at %d, %d globals]"
                .formatted(size, memoryCount, importedFunctionCount, functionsOffset, globalOffsets.length);
    }
}

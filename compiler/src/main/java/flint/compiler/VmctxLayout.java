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
 * function(f)                24          function f (index space): {u64 code; u64 vmctx; u32 typeId}
 * global(g)                  8           imported global g: pointer to its value cell
 * global(g)                  8 or 16     defined global g: its value, inline (v128: 16, 16-aligned)
 * table(t)                   8           table t (index space): pointer to its {u64 base; u64 length}
 * typeId(i)                  4           the store's canonical id of the module's type i
 * </pre>
 *
 * <p>Memory records are copies kept current by the runtime (every grow, by whichever instance or
 * host, updates every vmctx that has the memory), so a bounds check reads the length with one load
 * and memory 0 has constant offsets ({@link Abi#MEMORY0_BASE}, {@link Abi#MEMORY0_LENGTH}).
 *
 * <p>Function records ({@link Abi#FUNC_ENTRY_SIZE}) serve twice: calls to an imported function go
 * through its record, and a {@code funcref} to any function is the address of its record, so
 * {@code ref.func} is one {@code lea} and a table element is called the same way as an import.
 * An imported function's record copies the exporter's; references to it are equal in behaviour
 * (same code, vmctx and type), which is all Wasm 2.0 can observe.
 *
 * <p>Globals: a defined global lives inline, so {@code global.get} is one load; an imported one
 * through a pointer to the exporter's cell, because a mutable global is shared and there is one
 * cell. Uniform pointers would cost every access a second dependent load, and defined globals are
 * the hot ones (shadow stack pointers, fuel counters); the compiler knows statically which kind
 * each index is ({@link #isGlobalImported}). A value occupies the low bytes of its cell (4 for
 * i32/f32, 8 for i64/f64/references).
 *
 * <p>Tables are always reached through a pointer to their definition, defined or imported alike:
 * a table is shared by every instance that imports it and its element array moves when it grows,
 * and table accesses are rarer than global ones.
 */
public final class VmctxLayout {

    private final int memoryCount;
    private final int functionCount;
    private final int importedFunctionCount;
    private final int functionsOffset;
    private final int importedGlobalCount;
    private final int[] globalOffsets;
    private final int tablesOffset;
    private final int tableCount;
    private final int typeIdsOffset;
    private final int typeCount;
    private final int size;

    private VmctxLayout(int memoryCount, int functionCount, int importedFunctionCount, int importedGlobalCount,
            java.util.List<ValType> globalTypes, int tableCount, int typeCount) {
        this.memoryCount = memoryCount;
        this.functionCount = functionCount;
        this.importedFunctionCount = importedFunctionCount;
        this.importedGlobalCount = importedGlobalCount;
        this.tableCount = tableCount;
        this.typeCount = typeCount;
        int at = Abi.VMCTX_MEMORIES + memoryCount * Abi.MEMORY_RECORD_SIZE;
        this.functionsOffset = at;
        at += functionCount * Abi.FUNC_ENTRY_SIZE;
        this.globalOffsets = new int[globalTypes.size()];
        for (int g = 0; g < globalTypes.size(); g++) {
            boolean wide = g >= importedGlobalCount && globalTypes.get(g) instanceof VecType;
            if (wide) {
                at = align(at, 16);
            }
            globalOffsets[g] = at;
            at += wide ? 16 : 8;
        }
        this.tablesOffset = at;
        at += tableCount * 8;
        this.typeIdsOffset = at;
        at += typeCount * 4;
        this.size = align(at, 16);
    }

    /** The layout of {@code module}'s instances. */
    public static VmctxLayout of(WasmModule module) {
        Objects.requireNonNull(module, "module");
        var globalTypes = module.globalTypes().stream().map(t -> t.type()).toList();
        int importedGlobals = (int) module.imports().stream().filter(i -> i.desc() instanceof ImportDesc.Global).count();
        return new VmctxLayout(module.memoryTypes().size(), module.functionTypeIndices().size(),
                module.importedFunctionCount(), importedGlobals, globalTypes, module.tableTypes().size(),
                module.types().size());
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

    public int functionCount() {
        return functionCount;
    }

    /** Offset of function {@code function}'s record {@code {code, vmctx, typeId}} (see {@link Abi#FUNC_ENTRY_SIZE}). */
    public int function(int function) {
        Objects.checkIndex(function, functionCount);
        return functionsOffset + function * Abi.FUNC_ENTRY_SIZE;
    }

    /** Offset of imported function {@code function}'s record, through which calls to it go. */
    public int importedFunction(int function) {
        Objects.checkIndex(function, importedFunctionCount);
        return function(function);
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

    public int tableCount() {
        return tableCount;
    }

    /** Offset of table {@code table}'s slot: a pointer to its {@code {base, length}} definition. */
    public int table(int table) {
        Objects.checkIndex(table, tableCount);
        return tablesOffset + table * 8;
    }

    /** Offset of the u32 canonical id of the module's type {@code type}. */
    public int typeId(int type) {
        Objects.checkIndex(type, typeCount);
        return typeIdsOffset + type * 4;
    }

    @Override
    public String toString() {
        return "VmctxLayout[%d bytes: %d memories, %d functions (%d imported) at %d, %d globals, %d tables, %d types]"
                .formatted(size, memoryCount, functionCount, importedFunctionCount, functionsOffset,
                        globalOffsets.length, tableCount, typeCount);
    }
}

package flint.wasm.validate;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.ExternKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.GlobalType;
import flint.wasm.model.HeapType;
import flint.wasm.model.Instruction;
import flint.wasm.model.MemoryType;
import flint.wasm.model.Opcode;
import flint.wasm.model.RefType;
import flint.wasm.model.TableType;
import flint.wasm.model.ValType;
import flint.wasm.model.WasmModule;

/**
 * The spec's validation context C for one module: every index space flattened into arrays (imports
 * first), the set of declared function references, and the subtype relation. Built once by
 * {@link Validator#validateModule}, immutable afterwards, so any number of
 * {@link FunctionValidator}s (on any threads) can share it.
 */
public final class ModuleContext {
    private static final ValType[] NO_TYPES = new ValType[0];

    private final WasmModule module;
    private final Subtyping subtyping;
    private final ValType[][] typeParams;
    private final ValType[][] typeResults;
    private final int[] funcTypes;
    private final int importedFunctions;
    private final TableType[] tables;
    private final int importedTables;
    private final MemoryType[] memories;
    private final GlobalType[] globals;
    private final int importedGlobals;
    private final int[] tagTypes;
    private final RefType[] elemTypes;
    private final int dataCount;
    private final long[] declaredRefs;
    private final RefType[] concreteNullable;
    private final RefType[] concreteNonNull;

    private static final RefType[] ABS_NULLABLE = new RefType[AbsHeapType.values().length];
    private static final RefType[] ABS_NON_NULL = new RefType[AbsHeapType.values().length];

    static {
        for (var h : AbsHeapType.values()) {
            ABS_NULLABLE[h.ordinal()] = new RefType(true, h);
            ABS_NON_NULL[h.ordinal()] = new RefType(false, h);
        }
    }

    /** Requires the type section to be valid already (the subtype relation is computed from it). */
    ModuleContext(WasmModule module) {
        this.module = module;
        var types = module.types();
        this.subtyping = new Subtyping(types);
        typeParams = new ValType[types.size()][];
        typeResults = new ValType[types.size()][];
        concreteNullable = new RefType[types.size()];
        concreteNonNull = new RefType[types.size()];
        for (int i = 0; i < types.size(); i++) {
            typeParams[i] = types.get(i).params().toArray(NO_TYPES);
            typeResults[i] = types.get(i).results().toArray(NO_TYPES);
            concreteNullable[i] = new RefType(true, new ConcreteHeapType(i));
            concreteNonNull[i] = new RefType(false, new ConcreteHeapType(i));
        }
        funcTypes = module.functionTypeIndices().stream().mapToInt(Integer::intValue).toArray();
        importedFunctions = module.importedFunctionCount();
        tables = module.tableTypes().toArray(TableType[]::new);
        importedTables = module.importedTableCount();
        memories = module.memoryTypes().toArray(MemoryType[]::new);
        globals = module.globalTypes().toArray(GlobalType[]::new);
        importedGlobals = module.importedGlobalCount();
        tagTypes = module.tagTypes().stream().mapToInt(t -> t.typeIndex()).toArray();
        elemTypes = module.elements().stream().map(ElementSegment::type).toArray(RefType[]::new);
        dataCount = module.dataCount().orElse(module.data().size());
        declaredRefs = collectDeclaredRefs(module, funcTypes.length);
    }

    public WasmModule module() { return module; }

    public Subtyping subtyping() { return subtyping; }

    public int typeCount() { return typeParams.length; }

    public FuncType type(int index) { return module.types().get(index); }

    public int functionCount() { return funcTypes.length; }

    public int importedFunctionCount() { return importedFunctions; }

    /** The type index of function {@code index} (imports first). */
    public int functionTypeIndex(int index) { return funcTypes[index]; }

    public int tableCount() { return tables.length; }

    public int importedTableCount() { return importedTables; }

    public TableType table(int index) { return tables[index]; }

    public int memoryCount() { return memories.length; }

    public MemoryType memory(int index) { return memories[index]; }

    public int globalCount() { return globals.length; }

    public int importedGlobalCount() { return importedGlobals; }

    public GlobalType global(int index) { return globals[index]; }

    public int tagCount() { return tagTypes.length; }

    public int tagTypeIndex(int index) { return tagTypes[index]; }

    public int elemCount() { return elemTypes.length; }

    public RefType elemType(int index) { return elemTypes[index]; }

    /** The number of data segments (from the data count section when present). */
    public int dataCount() { return dataCount; }

    /** Whether {@code ref.func index} may appear in a function body: the spec's C.refs. */
    public boolean isDeclaredRef(int index) {
        return index >= 0 && index < funcTypes.length && (declaredRefs[index >>> 6] & (1L << index)) != 0;
    }

    /**
     * The reference type {@code (ref null? heap)} without allocating: shared instances for the
     * abstract heap types and for every defined type. {@code heap} must be valid; the bottom heap
     * type gives {@link Subtyping#BOTTOM_REF} (only ever non-null).
     */
    public RefType refType(HeapType heap, boolean nullable) {
        return switch (heap) {
            case AbsHeapType a -> (nullable ? ABS_NULLABLE : ABS_NON_NULL)[a.ordinal()];
            case ConcreteHeapType c when c == Subtyping.BOTTOM_HEAP -> Subtyping.BOTTOM_REF;
            case ConcreteHeapType c -> (nullable ? concreteNullable : concreteNonNull)[c.typeIndex()];
        };
    }

    /** {@code (ref null? typeIndex)} without allocating; {@code typeIndex} must be valid. */
    public RefType concreteRef(int typeIndex, boolean nullable) {
        return (nullable ? concreteNullable : concreteNonNull)[typeIndex];
    }

    // Shared arrays for the hot path: callers must not modify them.

    ValType[] params(int typeIndex) { return typeParams[typeIndex]; }

    ValType[] results(int typeIndex) { return typeResults[typeIndex]; }

    /** Whether the unsigned index {@code index} is below {@code count}. */
    static boolean inRange(int index, int count) {
        return index >= 0 && index < count;
    }

    /**
     * C.refs: the functions referenced anywhere outside function bodies and the start function —
     * in global, table and segment initializers, segment offsets and function exports. Only these
     * may be named by {@code ref.func} in code, so an engine knows up front which functions need a
     * reference representation.
     */
    private static long[] collectDeclaredRefs(WasmModule m, int functionCount) {
        var bits = new long[(functionCount + 63) >>> 6];
        for (var g : m.globals()) addRefs(g.init(), bits, functionCount);
        for (var t : m.tables()) t.init().ifPresent(e -> addRefs(e, bits, functionCount));
        for (var e : m.elements()) {
            for (var item : e.items()) addRefs(item, bits, functionCount);
            if (e.mode() instanceof ElementSegment.Active a) addRefs(a.offset(), bits, functionCount);
        }
        for (var d : m.data()) {
            if (d.mode() instanceof DataSegment.Active a) addRefs(a.offset(), bits, functionCount);
        }
        for (var x : m.exports()) {
            if (x.kind() == ExternKind.FUNC) set(bits, x.index(), functionCount);
        }
        return bits;
    }

    private static void addRefs(ConstExpr e, long[] bits, int functionCount) {
        for (var insn : e.instructions()) {
            if (insn.opcode() == Opcode.REF_FUNC && insn instanceof Instruction.Indexed ix) {
                set(bits, ix.index(), functionCount);
            }
        }
    }

    private static void set(long[] bits, int index, int functionCount) {
        if (inRange(index, functionCount)) bits[index >>> 6] |= 1L << index;
    }

}

package flint.wasm.binary;

import flint.wasm.model.ConstExpr;
import flint.wasm.model.CustomSection;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.Export;
import flint.wasm.model.ExternKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.Global;
import flint.wasm.model.GlobalType;
import flint.wasm.model.Import;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.Instruction;
import flint.wasm.model.Limits;
import flint.wasm.model.LocalGroup;
import flint.wasm.model.MemoryType;
import flint.wasm.model.Opcode;
import flint.wasm.model.RefType;
import flint.wasm.model.Table;
import flint.wasm.model.TableType;
import flint.wasm.model.TagType;
import flint.wasm.model.ValType;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A small fluent builder of {@link WasmModule}s for tests and generators. Methods that define
 * something return its index in its index space (imports first, as the spec numbers them), so
 * imports must be added before definitions of the same kind. Function types are deduplicated.
 *
 * <pre>{@code
 * var b = new ModuleBuilder();
 * int add = b.function(FuncType.of(List.of(I32, I32), List.of(I32)), List.of(),
 *         List.of(Instruction.localGet(0), Instruction.localGet(1), Instruction.plain(Opcode.I32_ADD)));
 * b.exportFunction("add", add);
 * byte[] wasm = b.encode();
 * }</pre>
 */
public final class ModuleBuilder {
    private final List<FuncType> types = new ArrayList<>();
    private final Map<FuncType, Integer> typeIndex = new HashMap<>();
    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> functions = new ArrayList<>();
    private final List<FunctionBody> codes = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<TagType> tags = new ArrayList<>();
    private final List<Global> globals = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private final List<ElementSegment> elements = new ArrayList<>();
    private final List<DataSegment> data = new ArrayList<>();
    private final List<CustomSection> customs = new ArrayList<>();
    private final List<CustomSection> trailingCustoms = new ArrayList<>(); // placement fixed in build()
    private OptionalInt start = OptionalInt.empty();
    private boolean dataCount;
    private boolean bodiesUseDataIndex;

    // Types

    /** The index of a function type, adding it if it is new. */
    public int type(FuncType type) {
        return typeIndex.computeIfAbsent(type, t -> {
            types.add(t);
            return types.size() - 1;
        });
    }

    public int type(List<ValType> params, List<ValType> results) {
        return type(FuncType.of(params, results));
    }

    // Imports

    public int importFunction(String module, String name, FuncType type) {
        return addImport(new Import(module, name, new ImportDesc.Func(type(type))));
    }

    public int importTable(String module, String name, TableType type) {
        return addImport(new Import(module, name, new ImportDesc.Table(type)));
    }

    public int importMemory(String module, String name, Limits limits) {
        return addImport(new Import(module, name, new ImportDesc.Memory(new MemoryType(limits))));
    }

    public int importGlobal(String module, String name, ValType type, boolean mutable) {
        return addImport(new Import(module, name, new ImportDesc.Global(new GlobalType(type, mutable))));
    }

    public int importTag(String module, String name, FuncType type) {
        return addImport(new Import(module, name, new ImportDesc.Tag(new TagType(type(type)))));
    }

    private int addImport(Import i) {
        var kind = i.desc().kind();
        int imported = count(kind);
        if (imported != countImports(kind)) {
            throw new IllegalStateException("import " + kind.text() + "s before defining any: indices put imports first");
        }
        imports.add(i);
        return imported;
    }

    private int countImports(ExternKind kind) {
        int n = 0;
        for (var i : imports) if (i.desc().kind() == kind) n++;
        return n;
    }

    private int count(ExternKind kind) {
        return countImports(kind) + switch (kind) {
            case FUNC -> functions.size();
            case TABLE -> tables.size();
            case MEMORY -> memories.size();
            case GLOBAL -> globals.size();
            case TAG -> tags.size();
        };
    }

    // Definitions

    /**
     * Defines a function.
     *
     * @param locals the declared locals (parameters excluded), one entry per local
     * @param body   the instructions, without the function's final {@code end} (it is added)
     * @return the function's index
     */
    public int function(FuncType type, List<ValType> locals, List<Instruction> body) {
        var groups = new ArrayList<LocalGroup>();
        for (var t : locals) {
            if (!groups.isEmpty() && groups.getLast().type().equals(t)) {
                groups.set(groups.size() - 1, new LocalGroup(groups.getLast().count() + 1, t));
            } else {
                groups.add(new LocalGroup(1, t));
            }
        }
        var code = new ByteWriter(body.size() * 2 + 8);
        for (var insn : body) {
            CodeWriter.write(insn, code);
            if (insn.opcode() == Opcode.MEMORY_INIT || insn.opcode() == Opcode.DATA_DROP) bodiesUseDataIndex = true;
        }
        code.u8(Opcode.END.code());
        functions.add(type(type));
        codes.add(new FunctionBody(groups, code.toByteArray(), 0));
        return count(ExternKind.FUNC) - 1;
    }

    public int function(FuncType type, List<Instruction> body) {
        return function(type, List.of(), body);
    }

    public int table(TableType type) {
        tables.add(Table.of(type));
        return count(ExternKind.TABLE) - 1;
    }

    public int table(RefType elementType, Limits limits) {
        return table(new TableType(elementType, limits));
    }

    /** A table whose elements start as {@code init} (the Wasm 3.0 table initializer). */
    public int table(TableType type, ConstExpr init) {
        tables.add(new Table(type, Optional.of(init)));
        return count(ExternKind.TABLE) - 1;
    }

    public int memory(Limits limits) {
        memories.add(new MemoryType(limits));
        return count(ExternKind.MEMORY) - 1;
    }

    public int tag(FuncType type) {
        tags.add(new TagType(type(type)));
        return count(ExternKind.TAG) - 1;
    }

    public int global(ValType type, boolean mutable, ConstExpr init) {
        globals.add(new Global(new GlobalType(type, mutable), init));
        return count(ExternKind.GLOBAL) - 1;
    }

    // Exports and start

    public ModuleBuilder export(String name, ExternKind kind, int index) {
        exports.add(new Export(name, kind, index));
        return this;
    }

    public ModuleBuilder exportFunction(String name, int index) { return export(name, ExternKind.FUNC, index); }

    public ModuleBuilder exportMemory(String name, int index) { return export(name, ExternKind.MEMORY, index); }

    public ModuleBuilder exportTable(String name, int index) { return export(name, ExternKind.TABLE, index); }

    public ModuleBuilder exportGlobal(String name, int index) { return export(name, ExternKind.GLOBAL, index); }

    public ModuleBuilder start(int function) {
        start = OptionalInt.of(function);
        return this;
    }

    // Segments

    /** Adds a data segment; returns its index. */
    public int data(DataSegment segment) {
        data.add(segment);
        return data.size() - 1;
    }

    public int activeData(int memory, ConstExpr offset, byte[] bytes) {
        return data(new DataSegment(new DataSegment.Active(memory, offset), bytes));
    }

    public int passiveData(byte[] bytes) {
        return data(new DataSegment(DataSegment.PASSIVE, bytes));
    }

    /** Adds an element segment; returns its index. */
    public int element(ElementSegment segment) {
        elements.add(segment);
        return elements.size() - 1;
    }

    /** An active segment of function references at {@code offset} in {@code table}. */
    public int activeFunctions(int table, ConstExpr offset, List<Integer> functionIndices) {
        return element(new ElementSegment(SegmentDecoder.REF_FUNC, new ElementSegment.Active(table, offset),
                functionIndices.stream().map(ConstExpr::refFunc).toList()));
    }

    /** Emits a data count section even if no body uses {@code memory.init} or {@code data.drop} (it is added automatically if one does). */
    public ModuleBuilder withDataCount() {
        dataCount = true;
        return this;
    }

    // Custom sections

    /** A custom section after the last known section. */
    public ModuleBuilder custom(String name, byte[] contents) {
        trailingCustoms.add(new CustomSection(name, contents, 0));
        return this;
    }

    /** A custom section after the known section with id {@code placement} (0: before them all). */
    public ModuleBuilder custom(String name, byte[] contents, int placement) {
        customs.add(new CustomSection(name, contents, placement));
        return this;
    }

    // Results

    public WasmModule build() {
        boolean withCount = dataCount || bodiesUseDataIndex;
        var allCustoms = new ArrayList<>(customs);
        int last = lastPresentSection(withCount);
        for (var c : trailingCustoms) allCustoms.add(new CustomSection(c.name(), c.data(), last));
        // Stable order by placement, as decoding would produce them.
        allCustoms.sort((a, b) -> Integer.compare(SectionId.placementRank(a.placement()), SectionId.placementRank(b.placement())));
        return new WasmModule(types, imports, functions, tables, memories, tags, globals, exports, start, elements,
                withCount ? OptionalInt.of(data.size()) : OptionalInt.empty(), codes, data, allCustoms);
    }

    public byte[] encode() {
        return ModuleEncoder.encode(build());
    }

    private int lastPresentSection(boolean withCount) {
        if (!data.isEmpty()) return SectionId.DATA.id();
        if (!codes.isEmpty()) return SectionId.CODE.id();
        if (withCount) return SectionId.DATA_COUNT.id();
        if (!elements.isEmpty()) return SectionId.ELEMENT.id();
        if (start.isPresent()) return SectionId.START.id();
        if (!exports.isEmpty()) return SectionId.EXPORT.id();
        if (!globals.isEmpty()) return SectionId.GLOBAL.id();
        if (!tags.isEmpty()) return SectionId.TAG.id();
        if (!memories.isEmpty()) return SectionId.MEMORY.id();
        if (!tables.isEmpty()) return SectionId.TABLE.id();
        if (!functions.isEmpty()) return SectionId.FUNCTION.id();
        if (!imports.isEmpty()) return SectionId.IMPORT.id();
        if (!types.isEmpty()) return SectionId.TYPE.id();
        return 0;
    }
}

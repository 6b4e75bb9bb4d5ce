package flint.wasm.model;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A decoded (or built) module: one list per section, in binary order. Index spaces put imports
 * first, then definitions, as the spec does; the helpers below answer index-space questions.
 *
 * @param functions  the type index of each defined function (the function section)
 * @param codes      the body of each defined function (the code section), parallel to {@code functions}
 * @param dataCount  the data count section, if present
 */
public record WasmModule(
        List<FuncType> types,
        List<Import> imports,
        List<Integer> functions,
        List<Table> tables,
        List<MemoryType> memories,
        List<TagType> tags,
        List<Global> globals,
        List<Export> exports,
        OptionalInt start,
        List<ElementSegment> elements,
        OptionalInt dataCount,
        List<FunctionBody> codes,
        List<DataSegment> data,
        List<CustomSection> customs) {

    public WasmModule {
        types = List.copyOf(types);
        imports = List.copyOf(imports);
        functions = List.copyOf(functions);
        tables = List.copyOf(tables);
        memories = List.copyOf(memories);
        tags = List.copyOf(tags);
        globals = List.copyOf(globals);
        exports = List.copyOf(exports);
        elements = List.copyOf(elements);
        codes = List.copyOf(codes);
        data = List.copyOf(data);
        customs = List.copyOf(customs);
    }

    public static WasmModule empty() {
        return new WasmModule(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), OptionalInt.empty(), List.of(), OptionalInt.empty(), List.of(), List.of(), List.of());
    }

    private long importCount(ExternKind kind) {
        return imports.stream().filter(i -> i.desc().kind() == kind).count();
    }

    public int importedFunctionCount() { return (int) importCount(ExternKind.FUNC); }

    public int importedTableCount() { return (int) importCount(ExternKind.TABLE); }

    public int importedMemoryCount() { return (int) importCount(ExternKind.MEMORY); }

    public int importedGlobalCount() { return (int) importCount(ExternKind.GLOBAL); }

    public int importedTagCount() { return (int) importCount(ExternKind.TAG); }

    /** The type index of every function in the function index space: imports first. */
    public List<Integer> functionTypeIndices() {
        var all = new ArrayList<Integer>();
        for (var i : imports) if (i.desc() instanceof ImportDesc.Func f) all.add(f.typeIndex());
        all.addAll(functions);
        return all;
    }

    /** Every table type in the table index space. */
    public List<TableType> tableTypes() {
        var all = new ArrayList<TableType>();
        for (var i : imports) if (i.desc() instanceof ImportDesc.Table t) all.add(t.type());
        for (var t : tables) all.add(t.type());
        return all;
    }

    /** Every memory type in the memory index space. */
    public List<MemoryType> memoryTypes() {
        var all = new ArrayList<MemoryType>();
        for (var i : imports) if (i.desc() instanceof ImportDesc.Memory m) all.add(m.type());
        all.addAll(memories);
        return all;
    }

    /** Every global type in the global index space. */
    public List<GlobalType> globalTypes() {
        var all = new ArrayList<GlobalType>();
        for (var i : imports) if (i.desc() instanceof ImportDesc.Global g) all.add(g.type());
        for (var g : globals) all.add(g.type());
        return all;
    }

    /** Every tag type in the tag index space. */
    public List<TagType> tagTypes() {
        var all = new ArrayList<TagType>();
        for (var i : imports) if (i.desc() instanceof ImportDesc.Tag t) all.add(t.type());
        all.addAll(tags);
        return all;
    }

    /** The function type of function {@code index} in the function index space (the index must be valid). */
    public FuncType functionType(int index) {
        return types.get(functionTypeIndices().get(index));
    }
}

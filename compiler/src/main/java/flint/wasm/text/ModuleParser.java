package flint.wasm.text;

import flint.wasm.binary.CodeWriter;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.Export;
import flint.wasm.model.ExternKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.Global;
import flint.wasm.model.Import;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.Instruction;
import flint.wasm.model.Limits;
import flint.wasm.model.LocalGroup;
import flint.wasm.model.MemoryType;
import flint.wasm.model.Table;
import flint.wasm.model.TableType;
import flint.wasm.model.TagType;
import flint.wasm.model.ValType;
import flint.wasm.model.WasmModule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A text module's fields into a {@link WasmModule}, in two passes as the spec's identifier
 * context requires (any field may name any later one): {@link FieldBinder} binds every
 * identifier first, then this class parses the fields in order — explicit types before
 * everything else, so type uses can find them — expanding the abbreviations (inline imports and
 * exports, inline element and data segments, implicit types) as it goes.
 */
final class ModuleParser {
    private final Cursor in;
    private final ModuleScope scope = new ModuleScope();
    private final TypeParser types;
    private final SegmentParser segments;
    private final List<Lexer.Annotation> annotations;

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
    private OptionalInt start = OptionalInt.empty();
    private int funcCount, tableCount, memoryCount, globalCount, tagCount;

    private ModuleParser(Cursor in, List<Lexer.Annotation> annotations) {
        this.in = in;
        this.types = new TypeParser(in, scope);
        this.segments = new SegmentParser(in, scope, types);
        this.annotations = annotations;
    }

    /** A parsed module and the name it was given in {@code (module $name ...)}, if any. */
    record Parsed(Optional<String> name, WasmModule module) {}

    /**
     * Parses a whole input holding one module: {@code (module $id? field*)}, or the fields
     * alone (the spec's inline-module abbreviation).
     */
    static Parsed parse(Lexer.Result lexed, String file) {
        var in = new Cursor(lexed.tokens(), file);
        // The spec interpreter's lexer rejects unknown words before anything is parsed.
        for (var t : lexed.tokens()) {
            if (t.kind() == Token.Kind.KEYWORD && !Keywords.isKnown(t.text())) throw in.error(t, "unknown operator", t.text());
        }
        var parser = new ModuleParser(in, lexed.annotations());
        Optional<String> name = Optional.empty();
        WasmModule module;
        if (in.atList("module")) {
            in.expectList("module");
            var id = in.tryId();
            if (id != null) name = Optional.of(id.idName());
            module = parser.fields();
            in.expectRParen();
        } else {
            module = parser.fields();
        }
        if (!in.atEnd()) throw in.unexpected(in.peek(), "end of input");
        return new Parsed(name, module);
    }

    private WasmModule fields() {
        var fields = new FieldBinder(in, scope).bind();
        int after = in.position();
        for (var f : fields) {
            if (f.kind().equals("type")) {
                in.seek(f.position());
                type();
            }
        }
        for (var f : fields) {
            in.seek(f.position());
            switch (f.kind()) {
                case "type" -> { }
                case "import" -> importField();
                case "func" -> func();
                case "table" -> table();
                case "memory" -> memory();
                case "global" -> global();
                case "tag" -> tag();
                case "export" -> export();
                case "start" -> start(f);
                case "elem" -> elem();
                case "data" -> dataSegment();
                default -> throw new AssertionError(f.kind());
            }
        }
        in.seek(after);
        var dataCount = scope.usesDataIndex ? OptionalInt.of(data.size()) : OptionalInt.empty();
        var customs = CustomAnnotations.arrange(new CustomAnnotations(in.file()).sections(annotations, fields),
                start.isPresent(), dataCount.isPresent());
        return new WasmModule(scope.typeList(), imports, functions, tables, memories, tags, globals, exports,
                start, elements, dataCount, codes, data, customs);
    }

    private void type() {
        in.expectList("type");
        in.tryId();
        in.expectList("func");
        var params = new ArrayList<ValType>();
        types.params(params, new ArrayList<>()); // names in type definitions bind nothing
        var results = new ArrayList<ValType>();
        types.results(results);
        in.expectRParen();
        in.expectRParen();
        scope.defineType(new FuncType(params, results));
    }

    /** {@code (export "name")*} of an inline definition, exporting {@code index}. */
    private void inlineExports(ExternKind kind, int index) {
        while (in.tryList("export")) {
            exports.add(new Export(in.name("export name"), kind, index));
            in.expectRParen();
        }
    }

    /** {@code (import "module" "name")} of an inline import, or null. */
    private String[] inlineImport() {
        if (!in.tryList("import")) return null;
        var names = new String[] {in.name("module name"), in.name("import name")};
        in.expectRParen();
        return names;
    }

    private void importField() {
        in.expectList("import");
        String module = in.name("module name");
        String name = in.name("import name");
        in.expectLParen();
        var kind = in.expect(Token.Kind.KEYWORD, "an import kind");
        in.tryId();
        ImportDesc desc = switch (kind.text()) {
            case "func" -> {
                funcCount++;
                yield new ImportDesc.Func(types.typeUse(true).index());
            }
            case "table" -> {
                tableCount++;
                yield new ImportDesc.Table(types.tableType());
            }
            case "memory" -> {
                memoryCount++;
                yield new ImportDesc.Memory(memoryType());
            }
            case "global" -> {
                globalCount++;
                yield new ImportDesc.Global(types.globalType());
            }
            case "tag" -> {
                tagCount++;
                yield new ImportDesc.Tag(new TagType(types.typeUse(true).index()));
            }
            default -> throw in.unexpected(kind, "func, table, memory, global or tag");
        };
        in.expectRParen();
        in.expectRParen();
        imports.add(new Import(module, name, desc));
    }

    private MemoryType memoryType() {
        boolean a64 = types.addressType();
        return new MemoryType(types.limits(a64, true));
    }

    private void func() {
        in.expectList("func");
        in.tryId();
        int index = funcCount++;
        inlineExports(ExternKind.FUNC, index);
        var imported = inlineImport();
        if (imported != null) {
            var use = types.typeUse(true);
            in.expectRParen();
            imports.add(new Import(imported[0], imported[1], new ImportDesc.Func(use.index())));
            return;
        }
        var use = types.typeUse(true);
        var locals = new IndexSpace("local");
        boolean named = false;
        for (var id : use.paramIds()) {
            locals.bind(id, in);
            named |= id != null;
        }
        var groups = new ArrayList<LocalGroup>();
        var firstLocal = in.peek();
        while (in.tryList("local")) {
            if (in.at(Token.Kind.ID)) {
                var id = in.next();
                locals.bind(id, in);
                named = true;
                addLocal(groups, types.valType());
            } else {
                while (!in.at(Token.Kind.RPAREN)) {
                    locals.bind(null, in);
                    addLocal(groups, types.valType());
                }
            }
            in.expectRParen();
        }
        if (use.type() == null && named) {
            // Without the type, parameters cannot be counted and named locals cannot be numbered.
            throw in.error(firstLocal, "unknown type", "type index " + use.index());
        }
        var body = new ArrayList<Instruction>();
        new InstructionParser(in, scope, types, locals).instrs(body);
        in.expectRParen();
        body.add(Instruction.END);
        functions.add(use.index());
        codes.add(new FunctionBody(groups, CodeWriter.encode(body), 0));
    }

    /** Appends one local, merging runs of the same type into one group as the binary format does. */
    private static void addLocal(List<LocalGroup> groups, ValType type) {
        if (!groups.isEmpty() && groups.getLast().type().equals(type)) {
            var last = groups.removeLast();
            groups.add(new LocalGroup(last.count() + 1, type));
        } else {
            groups.add(new LocalGroup(1, type));
        }
    }

    private void table() {
        in.expectList("table");
        in.tryId();
        int index = tableCount++;
        inlineExports(ExternKind.TABLE, index);
        var imported = inlineImport();
        if (imported != null) {
            var type = types.tableType();
            in.expectRParen();
            imports.add(new Import(imported[0], imported[1], new ImportDesc.Table(type)));
            return;
        }
        // (table addrtype? reftype (elem ...)): the limits are the number of elements.
        int save = in.position();
        boolean a64 = types.addressType();
        if (types.atRefType()) {
            var refType = types.refType();
            if (in.atList("elem")) {
                in.expectList("elem");
                var items = segments.inlineElements();
                in.expectRParen();
                in.expectRParen();
                long n = items.size();
                tables.add(Table.of(new TableType(refType, new Limits(n, OptionalLong.of(n), a64, false))));
                elements.add(new ElementSegment(refType, new ElementSegment.Active(index, zero(a64)), items));
                return;
            }
        }
        in.seek(save);
        var type = types.tableType();
        Optional<ConstExpr> init = Optional.empty();
        if (!in.at(Token.Kind.RPAREN)) init = Optional.of(segments.constExpr());
        in.expectRParen();
        tables.add(new Table(type, init));
    }

    private static ConstExpr zero(boolean address64) {
        return ConstExpr.of(address64 ? new Instruction.I64Const(0) : new Instruction.I32Const(0));
    }

    private void memory() {
        in.expectList("memory");
        in.tryId();
        int index = memoryCount++;
        inlineExports(ExternKind.MEMORY, index);
        var imported = inlineImport();
        if (imported != null) {
            var type = memoryType();
            in.expectRParen();
            imports.add(new Import(imported[0], imported[1], new ImportDesc.Memory(type)));
            return;
        }
        int save = in.position();
        boolean a64 = types.addressType();
        if (in.atList("pagesize")) throw in.unsupported(in.peek(), "custom page sizes", "(pagesize ...)");
        if (in.atList("data")) {
            // (memory addrtype? (data ...)): as many pages as the data needs.
            in.expectList("data");
            var bytes = segments.strings();
            in.expectRParen();
            in.expectRParen();
            long pages = (bytes.length + MemoryType.PAGE_SIZE - 1) / MemoryType.PAGE_SIZE;
            memories.add(new MemoryType(new Limits(pages, OptionalLong.of(pages), a64, false)));
            data.add(new DataSegment(new DataSegment.Active(index, zero(a64)), bytes));
            return;
        }
        in.seek(save);
        var type = memoryType();
        in.expectRParen();
        memories.add(type);
    }

    private void global() {
        in.expectList("global");
        in.tryId();
        int index = globalCount++;
        inlineExports(ExternKind.GLOBAL, index);
        var imported = inlineImport();
        var type = types.globalType();
        if (imported != null) {
            in.expectRParen();
            imports.add(new Import(imported[0], imported[1], new ImportDesc.Global(type)));
            return;
        }
        var init = segments.constExpr();
        in.expectRParen();
        globals.add(new Global(type, init));
    }

    private void tag() {
        in.expectList("tag");
        in.tryId();
        int index = tagCount++;
        inlineExports(ExternKind.TAG, index);
        var imported = inlineImport();
        var type = new TagType(types.typeUse(true).index());
        in.expectRParen();
        if (imported != null) imports.add(new Import(imported[0], imported[1], new ImportDesc.Tag(type)));
        else tags.add(type);
    }

    private void export() {
        in.expectList("export");
        String name = in.name("export name");
        in.expectLParen();
        var kind = in.expect(Token.Kind.KEYWORD, "an export kind");
        var export = switch (kind.text()) {
            case "func" -> new Export(name, ExternKind.FUNC, scope.funcs.resolve(in));
            case "table" -> new Export(name, ExternKind.TABLE, scope.tables.resolve(in));
            case "memory" -> new Export(name, ExternKind.MEMORY, scope.memories.resolve(in));
            case "global" -> new Export(name, ExternKind.GLOBAL, scope.globals.resolve(in));
            case "tag" -> new Export(name, ExternKind.TAG, scope.tags.resolve(in));
            default -> throw in.unexpected(kind, "func, table, memory, global or tag");
        };
        in.expectRParen();
        in.expectRParen();
        exports.add(export);
    }

    private void start(FieldBinder.Field field) {
        in.expectList("start");
        int f = scope.funcs.resolve(in);
        in.expectRParen();
        if (start.isPresent()) throw in.error(field.keyword(), "multiple start sections", "");
        start = OptionalInt.of(f);
    }

    private void elem() {
        elements.add(segments.elem());
    }

    private void dataSegment() {
        data.add(segments.data());
    }
}

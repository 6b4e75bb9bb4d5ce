package flint.harness.engine.microwasm;

import flint.compiler.microwasm.interp.ByteMemory;
import flint.harness.engine.HostFunction;
import flint.harness.engine.ImportName;
import flint.harness.engine.Imports;
import flint.harness.engine.InstanceExport;
import flint.harness.engine.LinkException;
import flint.wasm.model.ExternKind;
import flint.wasm.model.Import;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.Limits;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a module's imports against {@link Imports} and checks their types as the spec's import
 * matching does: function types equal, global types equal, memories and tables at least as large
 * as required and no larger than allowed.
 */
final class ImportLinker {

    /** What the module imports, per index space, in import order. */
    record Linked(List<Callee> functions, List<GlobalCell> globals, List<TableCell> tables, List<ByteMemory> memories,
                  List<TagCell> tags) {}

    private final MicrowasmEngine engine;

    ImportLinker(MicrowasmEngine engine) {
        this.engine = engine;
    }

    Linked link(WasmModule module, Imports imports) {
        var functions = new ArrayList<Callee>();
        var globals = new ArrayList<GlobalCell>();
        var tables = new ArrayList<TableCell>();
        var memories = new ArrayList<ByteMemory>();
        var tags = new ArrayList<TagCell>();
        for (var imp : module.imports()) {
            var name = new ImportName(imp.module(), imp.name());
            var extern = imports.get(name).orElseThrow(() ->
                    new LinkException(LinkException.Kind.UNKNOWN_IMPORT, "unknown import " + name, null));
            switch (imp.desc()) {
                case ImportDesc.Func f -> {
                    var expected = module.types().get(f.typeIndex());
                    Callee callee = switch (extern) {
                        case HostFunction host -> new Callee.Host(name, host);
                        case InstanceExport export -> source(export, name).functions[exportIndex(export, ExternKind.FUNC, imp)];
                    };
                    if (!TypeMatching.same(callee.type(), callee.module(), expected, module)) {
                        throw incompatible(imp, "function " + callee.type() + ", expected " + expected);
                    }
                    functions.add(callee);
                }
                case ImportDesc.Global g -> {
                    var source = source(extern, name, imp);
                    var cell = source.globals[exportIndex((InstanceExport) extern, ExternKind.GLOBAL, imp)];
                    var expected = g.type();
                    // A mutable global is shared both ways, so its type must be the same; an immutable one may be a subtype.
                    boolean fits = cell.type.mutable() == expected.mutable() && (expected.mutable()
                            ? TypeMatching.same(cell.type.type(), source.module(), expected.type(), module)
                            : TypeMatching.matches(cell.type.type(), source.module(), expected.type(), module));
                    if (!fits) throw incompatible(imp, "global " + text(cell.type) + ", expected " + text(expected));
                    globals.add(cell);
                }
                case ImportDesc.Table t -> {
                    var source = source(extern, name, imp);
                    var table = source.tables[exportIndex((InstanceExport) extern, ExternKind.TABLE, imp)];
                    if (!TypeMatching.same(table.type.elementType(), source.module(), t.type().elementType(), module)
                            || table.type.limits().address64() != t.type().limits().address64()
                            || !fits(table.size(), table.max(), t.type().limits())) {
                        throw incompatible(imp, "table " + table.type + ", expected " + t.type());
                    }
                    tables.add(table);
                }
                case ImportDesc.Memory m -> {
                    var source = source(extern, name, imp);
                    int index = exportIndex((InstanceExport) extern, ExternKind.MEMORY, imp);
                    var memory = source.memories[index];
                    var max = memory.hasDeclaredMax() ? java.util.OptionalLong.of(memory.maxPages()) : java.util.OptionalLong.empty();
                    if (source.memoryType(index).limits().address64() != m.type().limits().address64()
                            || !fits(memory.pages(), max, m.type().limits())) {
                        throw incompatible(imp, "memory of " + memory.pages() + " pages (max " + max + "), expected " + m.type().limits());
                    }
                    memories.add(memory);
                }
                case ImportDesc.Tag t -> {
                    var tag = source(extern, name, imp).tags[exportIndex((InstanceExport) extern, ExternKind.TAG, imp)];
                    var expected = module.types().get(t.type().typeIndex());
                    if (!TypeMatching.same(tag.type(), tag.module(), expected, module)) {
                        throw incompatible(imp, "tag " + tag.type() + ", expected " + expected);
                    }
                    tags.add(tag);
                }
            }
        }
        return new Linked(functions, globals, tables, memories, tags);
    }

    /** Limits matching: at least the minimum now, and a maximum no larger than the import allows. */
    private static boolean fits(long size, java.util.OptionalLong max, Limits required) {
        if (size < required.min()) return false;
        if (required.max().isEmpty()) return true;
        return max.isPresent() && Long.compareUnsigned(max.getAsLong(), required.max().getAsLong()) <= 0;
    }

    private MicrowasmInstance source(Object extern, ImportName name, Import imp) {
        if (!(extern instanceof InstanceExport export)) {
            throw incompatible(imp, "a host function where a " + imp.desc().kind().text() + " is imported");
        }
        return source(export, name);
    }

    private MicrowasmInstance source(InstanceExport export, ImportName name) {
        if (!(export.instance() instanceof MicrowasmInstance source) || source.engine() != engine) {
            throw new IllegalArgumentException("import " + name + " comes from an instance of "
                    + export.instance().engine().name() + ", not of this " + engine.name() + " engine");
        }
        return source;
    }

    private static int exportIndex(InstanceExport export, ExternKind kind, Import imp) {
        var source = (MicrowasmInstance) export.instance();
        var found = source.exportIndex(export.exportName());
        if (found.kind() != kind) {
            throw incompatible(imp, "a " + found.kind().text() + " where a " + kind.text() + " is imported");
        }
        return found.index();
    }

    private static String text(flint.wasm.model.GlobalType type) {
        return type.mutable() ? "(mut " + type.type().text() + ")" : type.type().text();
    }

    private static LinkException incompatible(Import imp, String detail) {
        return new LinkException(LinkException.Kind.INCOMPATIBLE_IMPORT_TYPE,
                "incompatible import type for " + imp.module() + "." + imp.name() + ": " + detail, null);
    }
}

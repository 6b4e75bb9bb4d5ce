package flint.wasm.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The first pass over a module's fields: binds every identifier to its index, so that later
 * fields can refer to any definition, and checks the one ordering rule of the text format
 * (imports come before the definitions of functions, tables, memories, globals and tags).
 * Index order is definition order, which (given that rule) is the binary index order too.
 */
final class FieldBinder {
    /** A module field: its keyword, and the token positions of its opening and closing parentheses. */
    record Field(String kind, int position, int end, Token keyword) {}

    private static final Set<String> GC_TYPES = Set.of("struct", "array", "sub", "rec");
    private static final Set<String> DESCRIPTORS = Set.of("descriptor", "describes");

    private final Cursor in;
    private final ModuleScope scope;

    FieldBinder(Cursor in, ModuleScope scope) {
        this.in = in;
        this.scope = scope;
    }

    /** One entry of the field sequence, for the import-order check. */
    private record Entry(String definition, Token importToken) {}

    /** Binds the fields from the cursor to the closing parenthesis (or end of input) and returns them. */
    List<Field> bind() {
        var fields = new ArrayList<Field>();
        var order = new ArrayList<Entry>();
        while (in.at(Token.Kind.LPAREN)) {
            int start = in.position();
            in.expectLParen();
            var keyword = in.peek();
            if (keyword.kind() != Token.Kind.KEYWORD) throw in.unexpected(keyword, "a module field");
            in.next();
            switch (keyword.text()) {
                case "type" -> {
                    var id = in.tryId();
                    if (!in.atList("func")) {
                        var kw = in.listKeyword();
                        if (kw != null && GC_TYPES.contains(kw)) throw in.unsupported(in.peek(1), "GC types", "(" + kw + " ...)");
                        if (kw != null && DESCRIPTORS.contains(kw)) {
                            throw in.unsupported(in.peek(1), "custom descriptors", "(" + kw + " ...)");
                        }
                        throw in.unexpected(in.peek(), "(func ...)");
                    }
                    scope.types.bind(id, in);
                }
                case "rec" -> throw in.unsupported(keyword, "GC types", "(rec ...)");
                case "import" -> {
                    in.expect(Token.Kind.STRING, "a module name");
                    in.expect(Token.Kind.STRING, "an import name");
                    in.expectLParen();
                    var kind = in.expect(Token.Kind.KEYWORD, "an import kind");
                    var space = space(kind);
                    if (space == null) throw in.unexpected(kind, "func, table, memory, global or tag");
                    space.bind(in.tryId(), in);
                    order.add(new Entry(null, keyword));
                }
                case "func", "table", "memory", "global", "tag" -> {
                    space(keyword).bind(in.tryId(), in);
                    while (in.atList("export")) in.skipList();
                    if (in.atList("import")) {
                        order.add(new Entry(null, in.peek(1)));
                    } else {
                        order.add(new Entry(keyword.text(), null));
                        if (keyword.text().equals("table")) bindInlineSegment("elem", scope.elems);
                        if (keyword.text().equals("memory")) bindInlineSegment("data", scope.datas);
                    }
                }
                case "elem" -> scope.elems.bind(in.tryId(), in);
                case "data" -> scope.datas.bind(in.tryId(), in);
                case "export", "start" -> { }
                default -> throw in.unexpected(keyword, "a module field");
            }
            in.seek(start);
            in.skipList();
            fields.add(new Field(keyword.text(), start, in.position() - 1, keyword));
        }
        checkImportOrder(order);
        return fields;
    }

    private IndexSpace space(Token kind) {
        return switch (kind.text()) {
            case "func" -> scope.funcs;
            case "table" -> scope.tables;
            case "memory" -> scope.memories;
            case "global" -> scope.globals;
            case "tag" -> scope.tags;
            default -> null;
        };
    }

    /** An inline {@code (elem ...)} or {@code (data ...)} in a table or memory defines an anonymous segment. */
    private void bindInlineSegment(String keyword, IndexSpace space) {
        while (!in.at(Token.Kind.RPAREN) && !in.atEnd()) {
            if (in.atList(keyword)) {
                space.bindAnonymous(1);
                return;
            }
            if (in.at(Token.Kind.LPAREN)) in.skipList();
            else in.next();
        }
    }

    /**
     * Imports must precede definitions. Like the reference interpreter, the error names the
     * last definition that some import follows, and points at the first import after it.
     */
    private void checkImportOrder(List<Entry> order) {
        int lastImport = -1;
        for (int i = 0; i < order.size(); i++) if (order.get(i).definition() == null) lastImport = i;
        int definition = -1;
        for (int i = 0; i < lastImport; i++) if (order.get(i).definition() != null) definition = i;
        if (definition < 0) return;
        Token at = null;
        for (int i = definition + 1; i < order.size() && at == null; i++) at = order.get(i).importToken();
        String kind = switch (order.get(definition).definition()) {
            case "func" -> "function";
            default -> order.get(definition).definition();
        };
        throw in.error(at, "import after " + kind + " definition", "");
    }
}

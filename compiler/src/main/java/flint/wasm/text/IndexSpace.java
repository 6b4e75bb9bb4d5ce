package flint.wasm.text;

import java.util.HashMap;
import java.util.Map;

/**
 * One namespace of symbolic identifiers (functions, types, locals, ...): binds {@code $name}s to
 * indices in definition order and resolves references, numeric or symbolic. Numeric indices are
 * passed through unchecked; whether they exist is the validator's business, so that
 * {@code assert_invalid} modules still parse.
 */
final class IndexSpace {
    private final String category;
    private final Map<String, Integer> ids = new HashMap<>();
    private int count;

    /** @param category how errors name the space: "function", "local", "elem segment", ... */
    IndexSpace(String category) {
        this.category = category;
    }

    int count() { return count; }

    /** Binds the next index, to {@code id} if given. */
    int bind(Token id, Cursor cursor) {
        if (id != null) {
            if (ids.putIfAbsent(id.idName(), count) != null) {
                throw cursor.error(id, "duplicate " + category, id.text());
            }
        }
        return count++;
    }

    /** Binds {@code n} anonymous indices. */
    void bindAnonymous(long n) {
        count += (int) n;
    }

    boolean isBound(String name) { return ids.containsKey(name); }

    /** Resolves the index token at the cursor (a number or an identifier) and consumes it. */
    int resolve(Cursor cursor) {
        var t = cursor.peek();
        return switch (t.kind()) {
            case NAT -> {
                cursor.next();
                yield u32(t, cursor);
            }
            case ID -> {
                cursor.next();
                var index = ids.get(t.idName());
                if (index == null) throw cursor.error(t, "unknown " + category, t.text());
                yield index;
            }
            default -> throw cursor.unexpected(t, "a " + category + " index");
        };
    }

    /** Whether an index (number or identifier) is next. */
    static boolean atIndex(Cursor cursor) {
        return cursor.at(Token.Kind.NAT) || cursor.at(Token.Kind.ID);
    }

    static int u32(Token t, Cursor cursor) {
        Long v = Literals.unsigned(t.text(), 32);
        if (v == null) throw cursor.error(t, "i32 constant out of range", t.text());
        return (int) (long) v;
    }
}

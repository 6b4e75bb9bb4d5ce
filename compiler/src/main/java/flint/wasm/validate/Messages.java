package flint.wasm.validate;

import flint.wasm.model.ValType;

/** Formatting of the spec's error wording. */
final class Messages {
    private Messages() {}

    /** "unknown function 7": the reference interpreter's wording, index printed unsigned. */
    static String unknown(String what, int index) {
        return "unknown " + what + " " + Integer.toUnsignedString(index);
    }

    /** A result type as the reference interpreter prints it: {@code [i32 (ref null 0)]}; the unknown type shows as {@code _}. */
    static String types(ValType[] types, int from, int to) {
        var sb = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            if (i > from) sb.append(' ');
            sb.append(text(types[i]));
        }
        return sb.append(']').toString();
    }

    static String types(ValType[] types) { return types(types, 0, types.length); }

    static String text(ValType t) {
        if (t == null) return "_";
        if (t == Subtyping.BOTTOM_REF) return "(ref bot)";
        return t.text();
    }
}

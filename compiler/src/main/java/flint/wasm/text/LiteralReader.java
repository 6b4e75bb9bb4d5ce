package flint.wasm.text;

/** Numeric literal tokens at a cursor, read as the type the context wants, with the spec's range errors. */
final class LiteralReader {
    private LiteralReader() {}

    static long integer(Cursor in, int bits) {
        var t = in.peek();
        if (!t.isNumber()) throw in.unexpected(t, "an i" + bits + " literal");
        in.next();
        Long v = t.kind() == Token.Kind.FLOAT ? null : Literals.integer(t.text(), bits);
        if (v == null) throw in.error(t, "constant out of range", t.text());
        return v;
    }

    static int f32(Cursor in) {
        var t = in.peek();
        if (!t.isNumber()) throw in.unexpected(t, "an f32 literal");
        in.next();
        Integer v = Literals.f32(t.text());
        if (v == null) throw in.error(t, "constant out of range", t.text());
        return v;
    }

    static long f64(Cursor in) {
        var t = in.peek();
        if (!t.isNumber()) throw in.unexpected(t, "an f64 literal");
        in.next();
        Long v = Literals.f64(t.text());
        if (v == null) throw in.error(t, "constant out of range", t.text());
        return v;
    }
}

package flint.wasm.text;

/** {@code shape lane*} of {@code v128.const}, into 16 little-endian bytes. */
final class VectorLiterals {
    private VectorLiterals() {}

    static VectorShape shape(Cursor in) {
        var t = in.peek();
        var shape = t.kind() == Token.Kind.KEYWORD ? VectorShape.of(t.text()) : null;
        if (shape == null) throw in.unexpected(t, "a vector shape (i8x16, i16x8, i32x4, i64x2, f32x4 or f64x2)");
        in.next();
        return shape;
    }

    /** Reads a shape and its lanes. */
    static byte[] parse(Cursor in) {
        var start = in.peek();
        var shape = shape(in);
        var lanes = new java.util.ArrayList<Token>();
        while (in.peek().isNumber()) lanes.add(in.next());
        if (lanes.size() != shape.lanes()) {
            throw in.error(start, "wrong number of lane literals", lanes.size() + " for " + shape.text() + ", expected " + shape.lanes());
        }
        var bytes = new byte[16];
        for (int i = 0; i < lanes.size(); i++) putLane(bytes, shape, i, laneBits(in, shape, lanes.get(i)));
        return bytes;
    }

    /** The bits of one lane literal, zero-extended from the lane's width. */
    static long laneBits(Cursor in, VectorShape shape, Token t) {
        Long v = switch (shape) {
            case I8X16 -> t.kind() == Token.Kind.FLOAT ? null : Literals.integer(t.text(), 8);
            case I16X8 -> t.kind() == Token.Kind.FLOAT ? null : Literals.integer(t.text(), 16);
            case I32X4 -> t.kind() == Token.Kind.FLOAT ? null : Literals.integer(t.text(), 32);
            case I64X2 -> t.kind() == Token.Kind.FLOAT ? null : Literals.integer(t.text(), 64);
            case F32X4 -> {
                Integer f = Literals.f32(t.text());
                yield f == null ? null : (long) f;
            }
            case F64X2 -> Literals.f64(t.text());
        };
        if (v == null) throw in.error(t, "constant out of range", t.text());
        int bits = 8 * shape.laneBytes();
        return bits == 64 ? v : v & ((1L << bits) - 1);
    }

    static void putLane(byte[] bytes, VectorShape shape, int lane, long bits) {
        int size = shape.laneBytes();
        for (int i = 0; i < size; i++) bytes[lane * size + i] = (byte) (bits >>> (8 * i));
    }

    static long low(byte[] bytes) { return word(bytes, 0); }

    static long high(byte[] bytes) { return word(bytes, 8); }

    private static long word(byte[] bytes, int from) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (bytes[from + i] & 0xFF);
        return v;
    }
}

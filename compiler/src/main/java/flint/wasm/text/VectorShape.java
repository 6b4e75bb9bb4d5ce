package flint.wasm.text;

/** How a {@code v128.const} splits its 16 bytes into lanes. */
public enum VectorShape {
    I8X16("i8x16", 16, false), I16X8("i16x8", 8, false), I32X4("i32x4", 4, false),
    I64X2("i64x2", 2, false), F32X4("f32x4", 4, true), F64X2("f64x2", 2, true);

    private final String text;
    private final int lanes;
    private final boolean floating;

    VectorShape(String text, int lanes, boolean floating) {
        this.text = text;
        this.lanes = lanes;
        this.floating = floating;
    }

    public String text() { return text; }

    public int lanes() { return lanes; }

    /** Bytes per lane. */
    public int laneBytes() { return 16 / lanes; }

    public boolean isFloat() { return floating; }

    public static VectorShape of(String text) {
        for (var s : values()) if (s.text.equals(text)) return s;
        return null;
    }
}

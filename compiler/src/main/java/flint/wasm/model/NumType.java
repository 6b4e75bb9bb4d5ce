package flint.wasm.model;

/** The four number types. */
public enum NumType implements ValType {
    I32(0x7F, "i32", 4), I64(0x7E, "i64", 8), F32(0x7D, "f32", 4), F64(0x7C, "f64", 8);

    private final int code;
    private final String text;
    private final int byteSize;

    NumType(int code, String text, int byteSize) {
        this.code = code;
        this.text = text;
        this.byteSize = byteSize;
    }

    /** The binary encoding's type byte. */
    public int code() { return code; }

    @Override public String text() { return text; }

    public int byteSize() { return byteSize; }

    public boolean isInteger() { return this == I32 || this == I64; }

    @Override public String toString() { return text; }
}

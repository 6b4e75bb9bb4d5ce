package flint.wasm.model;

/** The 128-bit vector type. */
public enum VecType implements ValType {
    V128;

    public static final int CODE = 0x7B;

    @Override public String text() { return "v128"; }

    @Override public String toString() { return text(); }
}

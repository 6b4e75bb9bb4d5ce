package flint.wasm.model;

/** The abstract heap types of Wasm 3.0 (the GC ones are decoded but only func, extern and exn are used yet). */
public enum AbsHeapType implements HeapType {
    FUNC(0x70, "func"), EXTERN(0x6F, "extern"), ANY(0x6E, "any"), EQ(0x6D, "eq"), I31(0x6C, "i31"),
    STRUCT(0x6B, "struct"), ARRAY(0x6A, "array"), EXN(0x69, "exn"), NOEXN(0x74, "noexn"),
    NOFUNC(0x73, "nofunc"), NOEXTERN(0x72, "noextern"), NONE(0x71, "none");

    private final int code;
    private final String text;

    AbsHeapType(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The binary encoding's byte (as a negative s33 it is {@code code - 0x80}). */
    public int code() { return code; }

    @Override public String text() { return text; }

    public static AbsHeapType fromCode(int code) {
        for (var t : values()) if (t.code == code) return t;
        return null;
    }

    /** The top of this type's hierarchy: func, extern, exn or any. */
    public AbsHeapType top() {
        return switch (this) {
            case FUNC, NOFUNC -> FUNC;
            case EXTERN, NOEXTERN -> EXTERN;
            case EXN, NOEXN -> EXN;
            default -> ANY;
        };
    }

    /** The bottom of this type's hierarchy. */
    public AbsHeapType bottom() {
        return switch (top()) {
            case FUNC -> NOFUNC;
            case EXTERN -> NOEXTERN;
            case EXN -> NOEXN;
            default -> NONE;
        };
    }

    @Override public String toString() { return text; }
}

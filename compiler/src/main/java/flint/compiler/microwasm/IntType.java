package flint.compiler.microwasm;

import flint.wasm.model.NumType;
import flint.wasm.model.ValType;

/** The two integer types, which is all the typed integer operators need to know. */
public enum IntType {
    I32(NumType.I32, 32), I64(NumType.I64, 64);

    private final NumType valType;
    private final int bits;

    IntType(NumType valType, int bits) {
        this.valType = valType;
        this.bits = bits;
    }

    public NumType valType() { return valType; }

    public int bits() { return bits; }

    public int bytes() { return bits / 8; }

    /** The integer type {@code type} is, or null for a float, vector or reference type. */
    public static IntType of(ValType type) {
        return type == NumType.I32 ? I32 : type == NumType.I64 ? I64 : null;
    }

    /** {@code i32} or {@code i64}. */
    public String text() { return valType.text(); }

    @Override public String toString() { return text(); }
}

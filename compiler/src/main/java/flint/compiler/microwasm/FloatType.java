package flint.compiler.microwasm;

import flint.wasm.model.NumType;
import flint.wasm.model.ValType;

/** The two floating-point types, which is all the typed float operators need to know. */
public enum FloatType {
    F32(NumType.F32, 32), F64(NumType.F64, 64);

    private final NumType valType;
    private final int bits;

    FloatType(NumType valType, int bits) {
        this.valType = valType;
        this.bits = bits;
    }

    public NumType valType() { return valType; }

    public int bits() { return bits; }

    public int bytes() { return bits / 8; }

    /** The float type {@code type} is, or null for an integer, vector or reference type. */
    public static FloatType of(ValType type) {
        return type == NumType.F32 ? F32 : type == NumType.F64 ? F64 : null;
    }

    /** {@code f32} or {@code f64}. */
    public String text() { return valType.text(); }

    @Override public String toString() { return text(); }
}

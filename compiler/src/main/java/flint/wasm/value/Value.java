package flint.wasm.value;

import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;

/**
 * A runtime Wasm value as every engine exchanges it. Floats are kept as raw bits so NaN payloads
 * survive every crossing (Java's float arithmetic would canonicalize them).
 */
public sealed interface Value {

    ValType type();

    record I32(int value) implements Value {
        @Override public ValType type() { return NumType.I32; }
        @Override public String toString() { return "i32:" + value; }
    }

    record I64(long value) implements Value {
        @Override public ValType type() { return NumType.I64; }
        @Override public String toString() { return "i64:" + value; }
    }

    record F32(int bits) implements Value {
        @Override public ValType type() { return NumType.F32; }
        public float value() { return Float.intBitsToFloat(bits); }
        @Override public String toString() { return "f32:" + ValueText.f32(bits); }
    }

    record F64(long bits) implements Value {
        @Override public ValType type() { return NumType.F64; }
        public double value() { return Double.longBitsToDouble(bits); }
        @Override public String toString() { return "f64:" + ValueText.f64(bits); }
    }

    /** A 128-bit vector as two little-endian halves: {@code low} holds bytes 0..7. */
    record V128(long low, long high) implements Value {
        @Override public ValType type() { return VecType.V128; }
        @Override public String toString() { return "v128:" + String.format("0x%016x%016x", high, low); }
    }

    /**
     * A function reference: {@code null} for ref.null, else an engine-specific handle. Engines
     * compare function references by identity of what they denote; the harness only compares
     * nullness across engines.
     */
    record FuncRef(Object handle) implements Value {
        public static final FuncRef NULL = new FuncRef(null);
        public boolean isNull() { return handle == null; }
        @Override public ValType type() { return RefType.FUNCREF; }
        @Override public String toString() { return isNull() ? "ref.null func" : "ref.func"; }
    }

    /** An external reference; the spec testsuite uses small integers ({@code ref.extern N}). */
    record ExternRef(Object handle) implements Value {
        public static final ExternRef NULL = new ExternRef(null);
        public boolean isNull() { return handle == null; }
        @Override public ValType type() { return RefType.EXTERNREF; }
        @Override public String toString() { return isNull() ? "ref.null extern" : "ref.extern " + handle; }
    }

    /** An exception reference (3.0 exception handling). */
    record ExnRef(Object handle) implements Value {
        public static final ExnRef NULL = new ExnRef(null);
        public boolean isNull() { return handle == null; }
        @Override public ValType type() { return RefType.EXNREF; }
        @Override public String toString() { return isNull() ? "ref.null exn" : "ref.exn"; }
    }

    static Value i32(int v) { return new I32(v); }
    static Value i64(long v) { return new I64(v); }
    static Value f32(float v) { return new F32(Float.floatToRawIntBits(v)); }
    static Value f64(double v) { return new F64(Double.doubleToRawLongBits(v)); }

    /** The zero value of a type (what locals start as). */
    static Value zero(ValType type) {
        return switch (type) {
            case NumType n -> switch (n) {
                case I32 -> new I32(0);
                case I64 -> new I64(0);
                case F32 -> new F32(0);
                case F64 -> new F64(0);
            };
            case VecType v -> new V128(0, 0);
            case RefType r -> switch (r.heap()) {
                case flint.wasm.model.AbsHeapType a when a.top() == flint.wasm.model.AbsHeapType.EXTERN -> ExternRef.NULL;
                case flint.wasm.model.AbsHeapType a when a.top() == flint.wasm.model.AbsHeapType.EXN -> ExnRef.NULL;
                default -> FuncRef.NULL;
            };
        };
    }
}

package flint.wasm.model;

/** A value type: a number, a vector or a reference. */
public sealed interface ValType permits NumType, VecType, RefType {

    /** The text-format name, e.g. {@code i32}, {@code funcref}, {@code (ref null 3)}. */
    String text();

    static ValType i32() { return NumType.I32; }
    static ValType i64() { return NumType.I64; }
    static ValType f32() { return NumType.F32; }
    static ValType f64() { return NumType.F64; }
    static ValType v128() { return VecType.V128; }
}

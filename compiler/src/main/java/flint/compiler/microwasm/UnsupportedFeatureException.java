package flint.compiler.microwasm;

import flint.wasm.model.ValType;

/**
 * Valid code that the native compiler cannot translate yet: floating point, vectors, tables and
 * indirect calls, bulk memory, reference types, exceptions, tail calls, multiple or 64-bit
 * memories. Never a verdict on the module: the converter validates the whole function before it
 * reports this, so an invalid function is reported as invalid even when it also uses such features.
 *
 * <p>The message names what is missing and where, e.g. "f32.add is not supported by the native
 * compiler yet (floating point; function 3, at offset 0x2a)" or "f64 values are not supported by
 * the native compiler yet (floating point; function 0, parameter 1)".
 */
public final class UnsupportedFeatureException extends RuntimeException {
    private final String subject;
    private final String feature;
    private final int function;

    private UnsupportedFeatureException(String subject, boolean plural, String feature, int function, String where) {
        super(subject + (plural ? " are" : " is") + " not supported by the native compiler yet (" + feature
                + "; function " + Integer.toUnsignedString(function) + (where.isEmpty() ? "" : ", " + where) + ")");
        this.subject = subject;
        this.feature = feature;
        this.function = function;
    }

    /** An instruction: "f32.add is not supported ... (floating point; function 3, at offset 0x2a)". */
    public static UnsupportedFeatureException instruction(String mnemonic, String feature, int function, long offset) {
        return new UnsupportedFeatureException(mnemonic, false, feature, function, at(offset));
    }

    /**
     * Values of a type the backend cannot hold yet: "f32 values are not supported ...
     * (floating point; function 3, local 2)"; {@code where} says where the type appears.
     */
    public static UnsupportedFeatureException valueType(ValType type, int function, String where) {
        return new UnsupportedFeatureException(type.text() + " values", true, featureOf(type), function, where);
    }

    /** Anything else: "{@code subject} is not supported ... ({@code feature}; function N, {@code where})". */
    public static UnsupportedFeatureException other(String subject, String feature, int function, String where) {
        return new UnsupportedFeatureException(subject, false, feature, function, where);
    }

    static String at(long offset) {
        return offset >= 0 ? "at offset 0x" + Long.toHexString(offset) : "";
    }

    static String featureOf(ValType type) {
        return switch (type) {
            case flint.wasm.model.NumType n -> n.isInteger() ? "integers" : "floating point";
            case flint.wasm.model.VecType v -> "SIMD";
            case flint.wasm.model.RefType r -> r.heap() instanceof flint.wasm.model.ConcreteHeapType || !r.nullable()
                    ? "typed function references"
                    : r.heap() == flint.wasm.model.AbsHeapType.FUNC || r.heap() == flint.wasm.model.AbsHeapType.EXTERN
                            ? "reference types" : "garbage collection";
        };
    }

    /** The instruction's mnemonic, or what else is unsupported ("f32 values"). */
    public String subject() { return subject; }

    /** The area it belongs to ("floating point", "tables", ...). */
    public String feature() { return feature; }

    /** The function index (imports first). */
    public int function() { return function; }
}

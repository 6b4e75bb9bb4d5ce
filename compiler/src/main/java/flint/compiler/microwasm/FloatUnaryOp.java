package flint.compiler.microwasm;

import java.util.Locale;

/**
 * Wasm's one-operand float operators. ABS and NEG only touch the sign bit (NaN payloads pass
 * unchanged); the others are arithmetic (a NaN result is an arithmetic NaN).
 */
public enum FloatUnaryOp {
    ABS, NEG, CEIL, FLOOR, TRUNC, NEAREST, SQRT;

    /** Whether the operator works on the bit pattern only (sign manipulation). */
    public boolean isBitwise() { return this == ABS || this == NEG; }

    /** The mnemonic after the type's dot: {@code nearest}. */
    public String text() { return name().toLowerCase(Locale.ROOT); }
}

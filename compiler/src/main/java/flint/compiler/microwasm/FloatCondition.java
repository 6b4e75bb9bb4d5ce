package flint.compiler.microwasm;

import java.util.Locale;

/**
 * Wasm's float comparisons. Every one but NE is false when an operand is NaN (unordered); NE is
 * true then.
 */
public enum FloatCondition {
    EQ, NE, LT, GT, LE, GE;

    /** The condition that holds for {@code (b, a)} exactly when this one holds for {@code (a, b)}. */
    public FloatCondition swapOperands() {
        return switch (this) {
            case EQ, NE -> this;
            case LT -> GT;
            case GT -> LT;
            case LE -> GE;
            case GE -> LE;
        };
    }

    /** The mnemonic after the type's dot: {@code le}. */
    public String text() { return name().toLowerCase(Locale.ROOT); }
}

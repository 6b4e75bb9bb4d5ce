package flint.compiler.microwasm;

import java.util.Locale;

/** Wasm's two-operand float operators; COPYSIGN is the only bitwise one. */
public enum FloatBinaryOp {
    ADD, SUB, MUL, DIV, MIN, MAX, COPYSIGN;

    public boolean isCommutative() { return this == ADD || this == MUL; }

    /** The mnemonic after the type's dot: {@code copysign}. */
    public String text() { return name().toLowerCase(Locale.ROOT); }
}

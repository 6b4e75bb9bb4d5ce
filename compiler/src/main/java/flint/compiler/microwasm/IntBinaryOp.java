package flint.compiler.microwasm;

/**
 * The integer operators of shape {@code [t t] -> [t]}. The groups matter to instruction selection:
 * division and remainder can trap, shifts and rotates take their count modulo the width.
 */
public enum IntBinaryOp {
    ADD("add", Kind.ARITHMETIC, true),
    SUB("sub", Kind.ARITHMETIC, false),
    MUL("mul", Kind.ARITHMETIC, true),
    DIV_S("div_s", Kind.DIVISION, false),
    DIV_U("div_u", Kind.DIVISION, false),
    REM_S("rem_s", Kind.DIVISION, false),
    REM_U("rem_u", Kind.DIVISION, false),
    AND("and", Kind.BITWISE, true),
    OR("or", Kind.BITWISE, true),
    XOR("xor", Kind.BITWISE, true),
    SHL("shl", Kind.SHIFT, false),
    SHR_S("shr_s", Kind.SHIFT, false),
    SHR_U("shr_u", Kind.SHIFT, false),
    ROTL("rotl", Kind.SHIFT, false),
    ROTR("rotr", Kind.SHIFT, false);

    public enum Kind {
        ARITHMETIC,
        /** Traps: "integer divide by zero" for a zero divisor, "integer overflow" for {@code div_s} of MIN by -1. */
        DIVISION,
        BITWISE,
        /** Shifts and rotates: the count is taken modulo the bit width. */
        SHIFT
    }

    private final String text;
    private final Kind kind;
    private final boolean commutative;

    IntBinaryOp(String text, Kind kind, boolean commutative) {
        this.text = text;
        this.kind = kind;
        this.commutative = commutative;
    }

    public String text() { return text; }

    public Kind kind() { return kind; }

    /** Whether the operands may be swapped (so a constant left operand can become an immediate). */
    public boolean isCommutative() { return commutative; }

    /** Whether the operator can trap. */
    public boolean canTrap() { return kind == Kind.DIVISION; }
}

package flint.compiler.microwasm;

/** The integer comparisons, of shape {@code [t t] -> [i32]}: 1 when {@code a <cond> b} holds, else 0. */
public enum IntCondition {
    EQ("eq"), NE("ne"),
    LT_S("lt_s"), LT_U("lt_u"),
    GT_S("gt_s"), GT_U("gt_u"),
    LE_S("le_s"), LE_U("le_u"),
    GE_S("ge_s"), GE_U("ge_u");

    private final String text;

    IntCondition(String text) { this.text = text; }

    public String text() { return text; }

    /** The condition that holds exactly when this one does not (for inverting a fused compare-and-branch). */
    public IntCondition negate() {
        return switch (this) {
            case EQ -> NE;
            case NE -> EQ;
            case LT_S -> GE_S;
            case LT_U -> GE_U;
            case GT_S -> LE_S;
            case GT_U -> LE_U;
            case LE_S -> GT_S;
            case LE_U -> GT_U;
            case GE_S -> LT_S;
            case GE_U -> LT_U;
        };
    }

    /** The condition with the operands swapped: {@code a < b} is {@code b > a}. */
    public IntCondition swapOperands() {
        return switch (this) {
            case EQ, NE -> this;
            case LT_S -> GT_S;
            case LT_U -> GT_U;
            case GT_S -> LT_S;
            case GT_U -> LT_U;
            case LE_S -> GE_S;
            case LE_U -> GE_U;
            case GE_S -> LE_S;
            case GE_U -> LE_U;
        };
    }
}

package flint.compiler.x64;

import flint.compiler.microwasm.IntCondition;
import flint.compiler.x64.asm.Cond;

/** Wasm's integer comparisons as x86 condition codes (after {@code cmp a, b}). */
final class Conditions {
    private Conditions() {}

    static Cond of(IntCondition c) {
        return switch (c) {
            case EQ -> Cond.E;
            case NE -> Cond.NE;
            case LT_S -> Cond.L;
            case LT_U -> Cond.B;
            case GT_S -> Cond.G;
            case GT_U -> Cond.A;
            case LE_S -> Cond.LE;
            case LE_U -> Cond.BE;
            case GE_S -> Cond.GE;
            case GE_U -> Cond.AE;
        };
    }
}

package flint.compiler.x64;

import flint.compiler.microwasm.IntCondition;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.Size;

/** Wasm's integer comparisons as x86 condition codes (after {@code cmp a, b}). */
final class Conditions {
    private Conditions() {}

    /**
     * The condition under which the i32 {@code condition} (of a branch or a select) is true: the
     * flags it is already in, or a {@code test}/{@code cmp} against zero emitted now. Constants are
     * the caller's to fold first.
     */
    static Cond truth(Assembler asm, Location condition) {
        return switch (condition) {
            case Location.Flags(Cond f) -> f;
            case Location.Reg(var r) -> {
                asm.test(Size.S32, r, r);
                yield Cond.NE;
            }
            case Location.Slot s -> {
                asm.cmp(Size.S32, Frame.mem(s), 0);
                yield Cond.NE;
            }
            case Location.Const c -> throw new IllegalStateException("a constant condition is folded, not tested");
            case Location.XReg x -> throw new IllegalStateException("a condition in " + x);
        };
    }

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

package flint.compiler.x64;

import flint.compiler.microwasm.FloatBinaryOp;
import flint.compiler.microwasm.FloatCondition;
import flint.compiler.microwasm.FloatSemantics;
import flint.compiler.microwasm.FloatType;
import flint.compiler.microwasm.FloatUnaryOp;
import flint.compiler.x64.asm.AluOp;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Mem;
import flint.compiler.x64.asm.RoundingMode;
import flint.compiler.x64.asm.Size;
import flint.compiler.x64.asm.SseOp;
import flint.compiler.x64.asm.Xmm;
import flint.compiler.x64.asm.XmmMem;
import flint.wasm.model.NumType;

/**
 * Instruction selection for float arithmetic, comparisons and {@code select} (scalar SSE, one
 * lane). Conversions between integers and floats are {@link FloatConversions}'.
 *
 * <p>NaN rules, and why each sequence keeps them:
 * <ul>
 *   <li>{@code add}, {@code sub}, {@code mul}, {@code div}, {@code sqrt}, the roundings,
 *       {@code promote}/{@code demote}: SSE returns a NaN operand quieted (payload kept) and the
 *       default NaN for invalid operations, which is the spec's arithmetic or canonical NaN;
 *   <li>{@code abs}, {@code neg}, {@code copysign}: {@code andps}/{@code xorps}/{@code orps}
 *       with sign masks from the constant pool, bits only, so even a signalling NaN passes as is;
 *   <li>{@code min}, {@code max}: {@code minss}/{@code maxss} return the second operand on NaN
 *       and on ±0 ties, so equal and unordered operands are handled first (see {@link #minMax}).
 * </ul>
 * Comparisons use {@code ucomiss}/{@code ucomisd} (ZF, PF, CF as an unsigned compare, all three
 * set when unordered): {@code gt}/{@code ge} are {@code A}/{@code AE}, false when unordered, and
 * {@code lt}/{@code le} swap the operands to be the same; they stay in the flags for a following
 * branch, select or {@code eqz} like integer comparisons. {@code eq}/{@code ne} need ZF and PF
 * together and are materialized at once.
 */
final class FloatSelector {
    private final Assembler asm;
    private final RegisterAllocator ra;
    private final Moves moves;

    FloatSelector(Assembler asm, RegisterAllocator ra, Moves moves) {
        this.asm = asm;
        this.ra = ra;
        this.moves = moves;
    }

    // ---------------------------------------------------------------- helpers

    private static boolean wide(FloatType type) {
        return type == FloatType.F64;
    }

    /** The constant-pool mask of the sign bit ({@code sign}) or of everything but it. */
    private Mem mask(FloatType type, boolean sign) {
        if (wide(type)) return Mem.rip(asm.constant64(sign ? Long.MIN_VALUE : Long.MAX_VALUE));
        return Mem.rip(asm.constant32(sign ? Integer.MIN_VALUE : Integer.MAX_VALUE));
    }

    private void push(Xmm x, FloatType type) {
        ra.push(new StackEntry(Location.xreg(x), type.valType()));
    }

    private boolean ownsRegister(StackEntry e) {
        return e.location() instanceof Location.XReg(Xmm x) && ra.refs(x) == 1;
    }

    /** The register an operation reading {@code e} may write its result to: e's own if unshared, else a new one. */
    private Xmm resultFor(StackEntry e) {
        if (ownsRegister(e)) return ((Location.XReg) e.location()).xmm();
        return ra.allocateXmm();
    }

    private void releaseUnless(StackEntry e, Xmm result) {
        if (!(e.location() instanceof Location.XReg(Xmm x) && x == result)) ra.release(e);
    }

    private XmmMem operand(StackEntry e) {
        return moves.floatOperand(e.location(), e.type());
    }

    // ---------------------------------------------------------------- unary

    void unary(FloatType type, FloatUnaryOp op) {
        var e = ra.pop();
        if (op.isBitwise()) {
            if (e.location() instanceof Location.Const(long v)) {
                ra.pushConst(type.valType(), FloatSemantics.unary(type, op, v));
                return;
            }
            var dst = ra.exclusiveXmm(e);
            // andps/xorps read 16 bytes: the masks are full, aligned pool slots
            if (op == FloatUnaryOp.ABS) asm.andps(dst, mask(type, false));
            else asm.xorps(dst, mask(type, true));
            push(dst, type);
            return;
        }
        var src = operand(e);
        var dst = resultFor(e);
        boolean w = wide(type);
        switch (op) {
            case SQRT -> {
                if (w) asm.sqrtsd(dst, src);
                else asm.sqrtss(dst, src);
            }
            // ROUNDSS/ROUNDSD (SSE4.1): the assembler refuses them, naming the feature, on a CPU without it
            case CEIL -> round(w, dst, src, RoundingMode.CEIL);
            case FLOOR -> round(w, dst, src, RoundingMode.FLOOR);
            case TRUNC -> round(w, dst, src, RoundingMode.TRUNC);
            case NEAREST -> round(w, dst, src, RoundingMode.NEAREST);
            default -> throw new IllegalArgumentException(op.text());
        }
        releaseUnless(e, dst);
        push(dst, type);
    }

    private void round(boolean wide, Xmm dst, XmmMem src, RoundingMode mode) {
        if (wide) asm.roundsd(dst, src, mode);
        else asm.roundss(dst, src, mode);
    }

    // ---------------------------------------------------------------- binary

    void binary(FloatType type, FloatBinaryOp op) {
        switch (op) {
            case MIN, MAX -> minMax(type, op == FloatBinaryOp.MIN);
            case COPYSIGN -> copysign(type);
            default -> arithmetic(type, op);
        }
    }

    private void arithmetic(FloatType type, FloatBinaryOp op) {
        var rhs = ra.pop();
        var lhs = ra.pop();
        if (op.isCommutative() && !ownsRegister(lhs) && ownsRegister(rhs)) {
            var t = lhs;
            lhs = rhs;
            rhs = t;
        }
        var dst = ra.exclusiveXmm(lhs);
        var sse = switch (op) {
            case ADD -> wide(type) ? SseOp.ADDSD : SseOp.ADDSS;
            case SUB -> wide(type) ? SseOp.SUBSD : SseOp.SUBSS;
            case MUL -> wide(type) ? SseOp.MULSD : SseOp.MULSS;
            case DIV -> wide(type) ? SseOp.DIVSD : SseOp.DIVSS;
            default -> throw new IllegalArgumentException(op.text());
        };
        asm.sse(sse, dst, operand(rhs));
        ra.release(rhs);
        push(dst, type);
    }

    /**
     * Wasm's min and max: NaN if either operand is NaN, and {@code min(-0, +0) = -0},
     * {@code max(-0, +0) = +0}. {@code minss} alone gets both wrong, so:
     * <pre>
     *   ucomiss a, b ; jp nan ; jne ordered
     *   orps a, b  (min: equal, so only the signs of zeros can differ; -0 wins)  /  andps (max: +0 wins)
     *   jmp done
     * ordered: minss a, b ; jmp done
     * nan: addss a, b   (a quiet NaN from whichever operand is one)
     * done:
     * </pre>
     */
    private void minMax(FloatType type, boolean min) {
        var rhs = ra.pop();
        var lhs = ra.pop();
        var dst = ra.exclusiveXmm(lhs);
        // orps/andps need a register (a 16-byte memory operand would have to be aligned)
        var b = ra.inXmm(rhs);
        boolean w = wide(type);
        var nan = asm.newLabel();
        var ordered = asm.newLabel();
        var done = asm.newLabel();
        asm.sse(w ? SseOp.UCOMISD : SseOp.UCOMISS, dst, b);
        asm.jcc(Cond.P, nan);
        asm.jcc(Cond.NE, ordered);
        if (min) asm.orps(dst, b);
        else asm.andps(dst, b);
        asm.jmp(done);
        asm.bind(ordered);
        asm.sse(min ? (w ? SseOp.MINSD : SseOp.MINSS) : (w ? SseOp.MAXSD : SseOp.MAXSS), dst, b);
        asm.jmp(done);
        asm.bind(nan);
        asm.sse(w ? SseOp.ADDSD : SseOp.ADDSS, dst, b);
        asm.bind(done);
        ra.release(b);
        push(dst, type);
    }

    /** The magnitude of the first operand with the sign of the second: bit operations only. */
    private void copysign(FloatType type) {
        var rhs = ra.pop();
        var lhs = ra.pop();
        var dst = ra.exclusiveXmm(lhs);
        if (rhs.location() instanceof Location.Const(long v)) {
            boolean negative = wide(type) ? v < 0 : (int) v < 0;
            if (negative) asm.orps(dst, mask(type, true));
            else asm.andps(dst, mask(type, false));
        } else {
            moves.loadFloat(Moves.XTEMP, rhs.location(), rhs.type());
            asm.andps(Moves.XTEMP, mask(type, true));
            asm.andps(dst, mask(type, false));
            asm.orps(dst, Moves.XTEMP);
        }
        ra.release(rhs);
        push(dst, type);
    }

    // ---------------------------------------------------------------- comparisons

    void compare(FloatType type, FloatCondition condition) {
        var rhs = ra.pop();
        var lhs = ra.pop();
        if (lhs.location() instanceof Location.Const(long a) && rhs.location() instanceof Location.Const(long b)) {
            ra.pushConst(NumType.I32, FloatSemantics.compare(type, condition, a, b) ? 1 : 0);
            return;
        }
        // a < b is b > a: both orders end in A or AE, which are false when unordered
        if (condition == FloatCondition.LT || condition == FloatCondition.LE) {
            var t = lhs;
            lhs = rhs;
            rhs = t;
            condition = condition.swapOperands();
        }
        boolean materialize = condition == FloatCondition.EQ || condition == FloatCondition.NE;
        // allocated before the comparison: allocation may spill, and spills must not come between it and its use
        Gpr result = materialize ? ra.allocate() : null;
        var a = ra.inXmm(lhs);
        asm.sse(wide(type) ? SseOp.UCOMISD : SseOp.UCOMISS, a, operand(rhs));
        ra.release(a);
        ra.release(rhs);
        switch (condition) {
            case GT -> ra.push(new StackEntry(new Location.Flags(Cond.A), NumType.I32));
            case GE -> ra.push(new StackEntry(new Location.Flags(Cond.AE), NumType.I32));
            case EQ, NE -> {
                // eq: ZF=1 and PF=0; ne: ZF=0 or PF=1
                boolean eq = condition == FloatCondition.EQ;
                asm.setcc(eq ? Cond.E : Cond.NE, result);
                asm.movzx(Size.S32, result, Size.S8, result);
                asm.setcc(eq ? Cond.NP : Cond.P, Moves.SCRATCH);
                asm.movzx(Size.S32, Moves.SCRATCH, Size.S8, Moves.SCRATCH);
                asm.alu(eq ? AluOp.AND : AluOp.OR, Size.S32, result, Moves.SCRATCH);
                ra.push(new StackEntry(Location.reg(result), NumType.I32));
            }
            default -> throw new IllegalStateException(condition.text());
        }
    }

    // ---------------------------------------------------------------- select, promote, demote

    /**
     * {@code select} of floats: there is no {@code cmov} into an SSE register, so a short branch
     * over a {@code movaps}. Only flag-preserving moves come before the branch, so the condition
     * may still be in the flags.
     */
    void select(NumType type) {
        var c = ra.pop();
        var b = ra.pop();
        var a = ra.pop();
        if (c.location() instanceof Location.Const(long v)) {
            var keep = (int) v != 0 ? a : b;
            ra.release((int) v != 0 ? b : a);
            ra.push(keep);
            return;
        }
        var dst = ra.exclusiveXmm(b);
        Xmm src;
        if (a.location() instanceof Location.XReg(Xmm x)) {
            src = x;
        } else {
            moves.loadFloat(Moves.XTEMP, a.location(), a.type());
            src = Moves.XTEMP;
        }
        Cond cond = Conditions.truth(asm, c.location());
        var skip = asm.newLabel();
        asm.jcc(cond.negate(), skip);
        asm.movaps(dst, src);
        asm.bind(skip);
        ra.release(a);
        ra.release(c);
        ra.push(new StackEntry(Location.xreg(dst), type));
    }

    /** {@code f64.promote_f32} / {@code f32.demote_f64} (SSE quiets a signalling NaN: allowed, the result must be arithmetic). */
    void convert(FloatType to) {
        var e = ra.pop();
        var src = operand(e);
        var dst = resultFor(e);
        if (to == FloatType.F64) asm.cvtss2sd(dst, src);
        else asm.cvtsd2ss(dst, src);
        releaseUnless(e, dst);
        push(dst, to);
    }
}

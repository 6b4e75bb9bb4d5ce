package flint.compiler.x64;

import flint.compiler.WasmTrap;
import flint.compiler.microwasm.FloatSemantics;
import flint.compiler.microwasm.FloatType;
import flint.compiler.microwasm.IntType;
import flint.compiler.x64.asm.AluOp;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Label;
import flint.compiler.x64.asm.ShiftOp;
import flint.compiler.x64.asm.Size;
import flint.compiler.x64.asm.SseOp;
import flint.compiler.x64.asm.Xmm;
import flint.wasm.model.NumType;

/**
 * Instruction selection for the operators between integers and floats: {@code convert},
 * {@code trunc} (trapping and saturating) and {@code reinterpret}.
 *
 * <ul>
 *   <li>Signed integers convert with {@code cvtsi2ss/sd}; an unsigned i32 is a non-negative i64
 *       (registers keep i32 values zero-extended); an unsigned i64 with the top bit set is halved
 *       first, keeping the lost bit as a sticky bit ({@code (x >> 1) | (x & 1)}), converted and
 *       doubled, which rounds exactly once, correctly.
 *   <li>Truncations check the range explicitly before {@code cvttss2si/cvttsd2si} (whose
 *       "integer indefinite" result cannot tell overflow from a legitimate minimum): NaN, then
 *       {@code x >= lower} and {@code x < upper} with bounds that are exact in the source type
 *       (see {@link FloatSemantics#truncFailure}). An unsigned i64 of 2^63 or more is converted
 *       from {@code x - 2^63} and gets its top bit back.
 *   <li>Reinterpretations move bits: {@code movd}/{@code movq}, or nothing at all for a value in
 *       a slot or a constant.
 * </ul>
 */
final class FloatConversions {
    private final Assembler asm;
    private final RegisterAllocator ra;
    private final Moves moves;
    private final TrapStubs traps;

    FloatConversions(Assembler asm, RegisterAllocator ra, Moves moves, TrapStubs traps) {
        this.asm = asm;
        this.ra = ra;
        this.moves = moves;
        this.traps = traps;
    }

    private static Size size(IntType type) {
        return type == IntType.I64 ? Size.S64 : Size.S32;
    }

    // ---------------------------------------------------------------- integer to float

    void intToFloat(IntType from, FloatType to, boolean signed) {
        var e = ra.pop();
        if (e.location() instanceof Location.Const(long v)) {
            ra.pushConst(to.valType(), FloatSemantics.fromInt(from, to, signed, v));
            return;
        }
        var dst = ra.allocateXmm();
        // cvtsi2ss writes only the low lane: zeroing first breaks the dependency on the old value
        asm.xorps(dst, dst);
        boolean wide = to == FloatType.F64;
        if (signed) {
            cvt(wide, dst, size(from), Moves.operand(e.location()));
        } else if (from == IntType.I32) {
            Gpr r;
            if (e.location() instanceof Location.Reg(Gpr g)) {
                r = g; // kept zero-extended: the register is the value as an i64
            } else {
                asm.mov(Size.S32, Moves.TEMP, Moves.operand(e.location()));
                r = Moves.TEMP;
            }
            cvt(wide, dst, Size.S64, r);
        } else {
            unsignedI64(wide, dst, e.location());
        }
        ra.release(e);
        ra.push(new StackEntry(Location.xreg(dst), to.valType()));
    }

    private void cvt(boolean wide, Xmm dst, Size size, flint.compiler.x64.asm.GprMem src) {
        if (wide) asm.cvtsi2sd(dst, size, src);
        else asm.cvtsi2ss(dst, size, src);
    }

    private void unsignedI64(boolean wide, Xmm dst, Location src) {
        Gpr x = Moves.TEMP;
        Gpr half = Moves.SCRATCH;
        moves.load(x, src, NumType.I64);
        var big = asm.newLabel();
        var done = asm.newLabel();
        asm.test(Size.S64, x, x);
        asm.jcc(Cond.S, big);
        cvt(wide, dst, Size.S64, x);
        asm.jmp(done);
        asm.bind(big);
        asm.mov(Size.S64, half, x);
        asm.shift(ShiftOp.SHR, Size.S64, half, 1);
        asm.alu(AluOp.AND, Size.S32, x, 1);
        asm.alu(AluOp.OR, Size.S64, half, x);
        cvt(wide, dst, Size.S64, half);
        asm.sse(wide ? SseOp.ADDSD : SseOp.ADDSS, dst, dst);
        asm.bind(done);
    }

    // ---------------------------------------------------------------- float to integer

    /**
     * Where the out-of-range cases go: the trap stubs for a trapping truncation, local labels that
     * load the saturated value for a saturating one.
     */
    private record Exits(Label nan, Label below, Label above) {}

    void floatToInt(FloatType from, IntType to, boolean signed, boolean saturating) {
        var e = ra.pop();
        if (e.location() instanceof Location.Const(long v)) {
            if (saturating) {
                ra.pushConst(to, FloatSemantics.truncSat(from, to, signed, v));
                return;
            }
            var failure = FloatSemantics.truncFailure(from, to, signed, v);
            if (failure == null) {
                ra.pushConst(to, FloatSemantics.trunc(from, to, signed, v));
                return;
            }
            traps.jump(failure == FloatSemantics.TruncFailure.NAN ? WasmTrap.INVALID_CONVERSION : WasmTrap.INTEGER_OVERFLOW);
            ra.pushConst(to, 0); // never reached; keeps the stack typed
            return;
        }
        var x = ra.inXmm(e);
        var dst = ra.allocate();
        boolean wide = from == FloatType.F64;
        var ucomis = wide ? SseOp.UCOMISD : SseOp.UCOMISS;
        var done = asm.newLabel();
        Exits exits = saturating ? new Exits(asm.newLabel(), asm.newLabel(), asm.newLabel()) : null;

        asm.sse(ucomis, x, x);
        exit(Cond.P, exits == null ? null : exits.nan(), WasmTrap.INVALID_CONVERSION);
        asm.sse(ucomis, x, bound(from, lowerBound(from, to, signed)));
        exit(Cond.B, exits == null ? null : exits.below(), WasmTrap.INTEGER_OVERFLOW);
        double upper = FloatSemantics.upperExclusive(to, signed);
        asm.sse(ucomis, x, bound(from, upper));
        exit(Cond.AE, exits == null ? null : exits.above(), WasmTrap.INTEGER_OVERFLOW);

        if (to == IntType.I64 && !signed) {
            // [2^63, 2^64): convert x - 2^63, then set the top bit
            var small = asm.newLabel();
            asm.sse(ucomis, x, bound(from, 0x1p63));
            asm.jcc(Cond.B, small);
            asm.movaps(Moves.XSCRATCH, x);
            asm.sse(wide ? SseOp.SUBSD : SseOp.SUBSS, Moves.XSCRATCH, bound(from, 0x1p63));
            cvtt(wide, Size.S64, dst, Moves.XSCRATCH);
            asm.movImm(Size.S64, Moves.TEMP, Long.MIN_VALUE);
            asm.alu(AluOp.XOR, Size.S64, dst, Moves.TEMP);
            asm.jmp(done);
            asm.bind(small);
            cvtt(wide, Size.S64, dst, x);
        } else if (to == IntType.I32 && !signed) {
            // [0, 2^32) fits a signed i64, whose low half is the u32, zero-extended already
            cvtt(wide, Size.S64, dst, x);
        } else {
            cvtt(wide, size(to), dst, x);
        }
        if (exits != null) {
            asm.jmp(done);
            saturate(exits.nan(), dst, 0, done);
            saturate(exits.below(), dst, signed ? (to == IntType.I32 ? 0x8000_0000L : Long.MIN_VALUE) : 0, done);
            saturate(exits.above(), dst, signed ? (to == IntType.I32 ? 0x7FFF_FFFFL : Long.MAX_VALUE)
                    : (to == IntType.I32 ? 0xFFFF_FFFFL : -1L), done);
        }
        asm.bind(done);
        ra.release(x);
        ra.push(new StackEntry(Location.reg(dst), to.valType()));
    }

    /** Leaves for a failed range check: to the trap stub, or to a saturating exit. */
    private void exit(Cond cond, Label saturatingExit, WasmTrap trap) {
        if (saturatingExit == null) traps.branch(cond, trap);
        else asm.jcc(cond, saturatingExit);
    }

    private void saturate(Label exit, Gpr dst, long value, Label done) {
        asm.bind(exit);
        asm.movImm(Size.S64, dst, value);
        asm.jmp(done);
    }

    private void cvtt(boolean wide, Size size, Gpr dst, Xmm src) {
        if (wide) asm.cvttsd2si(size, dst, src);
        else asm.cvttss2si(size, dst, src);
    }

    /** The smallest value of type {@code from} whose truncation fits (a float bound must be a float). */
    private static double lowerBound(FloatType from, IntType to, boolean signed) {
        double d = FloatSemantics.lowerInclusive(to, signed);
        if (from == FloatType.F64) return d;
        float f = (float) d;
        if (f < d) f = Math.nextUp(f);
        return f;
    }

    /** A bound as a constant-pool operand of type {@code from} (exact: every bound is representable). */
    private flint.compiler.x64.asm.Mem bound(FloatType from, double value) {
        return from == FloatType.F64
                ? moves.constant(Double.doubleToRawLongBits(value), NumType.F64)
                : moves.constant(Float.floatToRawIntBits((float) value), NumType.F32);
    }

    // ---------------------------------------------------------------- reinterpret

    void reinterpret(NumType to) {
        var e = ra.pop();
        switch (e.location()) {
            // a constant and a slot hold the bits in the same form for both types
            case Location.Const(long v) -> ra.pushConst(to, v);
            case Location.Slot s -> ra.push(new StackEntry(s, to));
            case Location.Reg(Gpr r) -> {
                var dst = ra.allocateXmm();
                moves.loadFloat(dst, e.location(), to);
                ra.release(e);
                ra.push(new StackEntry(Location.xreg(dst), to));
            }
            case Location.XReg(Xmm x) -> {
                var dst = ra.allocate();
                moves.load(dst, e.location(), to);
                ra.release(e);
                ra.push(new StackEntry(Location.reg(dst), to));
            }
            case Location.Flags f -> throw new IllegalStateException("reinterpret of flags");
        }
    }
}

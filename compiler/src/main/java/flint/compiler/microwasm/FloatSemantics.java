package flint.compiler.microwasm;

/**
 * Wasm's float operators on bit patterns, as the Microwasm interpreter computes them: f32 values
 * are their 32 bits sign-extended to a {@code long} (like i32 values), f64 values their 64 bits.
 *
 * <p>NaN results follow the spec's rules in the way x86 does: an operator with a NaN operand
 * returns that NaN quieted (an arithmetic NaN, payload kept), one that makes a NaN out of numbers
 * ({@code 0/0}, {@code sqrt(-1)}) returns the canonical NaN. Sign operators ({@code abs},
 * {@code neg}, {@code copysign}) and reinterpretations touch bits only, so payloads survive
 * exactly, signalling NaNs included. The spec allows any arithmetic NaN in the first case, so an
 * oracle must compare such results NaN-aware.
 */
public final class FloatSemantics {
    private FloatSemantics() {}

    private static final int F32_SIGN = 0x8000_0000;
    private static final int F32_QUIET = 0x0040_0000;
    private static final int F32_CANONICAL = 0x7FC0_0000;
    private static final long F64_SIGN = 0x8000_0000_0000_0000L;
    private static final long F64_QUIET = 0x0008_0000_0000_0000L;
    private static final long F64_CANONICAL = 0x7FF8_0000_0000_0000L;

    /** Why a trapping float-to-integer conversion fails. */
    public enum TruncFailure { NAN, OVERFLOW }

    // ---------------------------------------------------------------- unary and binary

    public static long unary(FloatType type, FloatUnaryOp op, long bits) {
        if (type == FloatType.F32) {
            int b = (int) bits;
            int r = switch (op) {
                case ABS -> b & ~F32_SIGN;
                case NEG -> b ^ F32_SIGN;
                default -> nan32(Float.floatToRawIntBits((float) round(op, Float.intBitsToFloat(b))), b, b);
            };
            return r;
        }
        return switch (op) {
            case ABS -> bits & ~F64_SIGN;
            case NEG -> bits ^ F64_SIGN;
            default -> nan64(Double.doubleToRawLongBits(round(op, Double.longBitsToDouble(bits))), bits, bits);
        };
    }

    /** sqrt and the roundings; a float's square root rounded from the double one is correctly rounded. */
    private static double round(FloatUnaryOp op, double x) {
        return switch (op) {
            case SQRT -> Math.sqrt(x);
            case CEIL -> Math.ceil(x);
            case FLOOR -> Math.floor(x);
            case TRUNC -> x < 0 ? Math.ceil(x) : Math.floor(x);
            case NEAREST -> Math.rint(x);
            default -> throw new IllegalArgumentException(op.text());
        };
    }

    public static long binary(FloatType type, FloatBinaryOp op, long a, long b) {
        if (type == FloatType.F32) {
            int x = (int) a;
            int y = (int) b;
            if (op == FloatBinaryOp.COPYSIGN) return (x & ~F32_SIGN) | (y & F32_SIGN);
            float fx = Float.intBitsToFloat(x);
            float fy = Float.intBitsToFloat(y);
            float r = switch (op) {
                case ADD -> fx + fy;
                case SUB -> fx - fy;
                case MUL -> fx * fy;
                case DIV -> fx / fy;
                case MIN -> Math.min(fx, fy);
                case MAX -> Math.max(fx, fy);
                case COPYSIGN -> throw new AssertionError();
            };
            return nan32(Float.floatToRawIntBits(r), x, y);
        }
        if (op == FloatBinaryOp.COPYSIGN) return (a & ~F64_SIGN) | (b & F64_SIGN);
        double fx = Double.longBitsToDouble(a);
        double fy = Double.longBitsToDouble(b);
        double r = switch (op) {
            case ADD -> fx + fy;
            case SUB -> fx - fy;
            case MUL -> fx * fy;
            case DIV -> fx / fy;
            case MIN -> Math.min(fx, fy);
            case MAX -> Math.max(fx, fy);
            case COPYSIGN -> throw new AssertionError();
        };
        return nan64(Double.doubleToRawLongBits(r), a, b);
    }

    public static boolean compare(FloatType type, FloatCondition c, long a, long b) {
        double x = value(type, a);
        double y = value(type, b);
        return switch (c) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case GT -> x > y;
            case LE -> x <= y;
            case GE -> x >= y;
        };
    }

    /** The value of {@code bits} as a double (exact for f32). */
    private static double value(FloatType type, long bits) {
        return type == FloatType.F32 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
    }

    /** A NaN result: the first NaN operand quieted, else the canonical NaN; any other result as is. */
    private static int nan32(int r, int x, int y) {
        if (!Float.isNaN(Float.intBitsToFloat(r))) return r;
        if (Float.isNaN(Float.intBitsToFloat(x))) return x | F32_QUIET;
        if (Float.isNaN(Float.intBitsToFloat(y))) return y | F32_QUIET;
        return F32_CANONICAL;
    }

    private static long nan64(long r, long x, long y) {
        if (!Double.isNaN(Double.longBitsToDouble(r))) return r;
        if (Double.isNaN(Double.longBitsToDouble(x))) return x | F64_QUIET;
        if (Double.isNaN(Double.longBitsToDouble(y))) return y | F64_QUIET;
        return F64_CANONICAL;
    }

    // ---------------------------------------------------------------- conversions

    /** {@code to.convert_from_s/u}: rounded to nearest-even. {@code v} is an i32 sign-extended or an i64. */
    public static long fromInt(IntType from, FloatType to, boolean signed, long v) {
        if (from == IntType.I32) v = signed ? (int) v : v & 0xFFFF_FFFFL;
        if (to == FloatType.F32) {
            float f = signed || v >= 0 ? (float) v : 2 * (float) ((v >>> 1) | (v & 1));
            return Float.floatToRawIntBits(f);
        }
        double d = signed || v >= 0 ? (double) v : 2 * (double) ((v >>> 1) | (v & 1));
        return Double.doubleToRawLongBits(d);
    }

    /**
     * Whether truncating {@code bits} to {@code to} fails, and how: null when the value fits. The
     * bounds are exact: {@code -2^31 - 1 < x < 2^31} for i32 (signed), {@code -1 < x < 2^32}
     * (unsigned), {@code -2^63 <= x < 2^63}, {@code -1 < x < 2^64}.
     */
    public static TruncFailure truncFailure(FloatType from, IntType to, boolean signed, long bits) {
        double x = value(from, bits);
        if (Double.isNaN(x)) return TruncFailure.NAN;
        return x < lowerInclusive(to, signed) || x >= upperExclusive(to, signed) ? TruncFailure.OVERFLOW : null;
    }

    /** The truncation of a value that fits ({@link #truncFailure} null); an i32 sign-extended. */
    public static long trunc(FloatType from, IntType to, boolean signed, long bits) {
        double x = value(from, bits);
        if (to == IntType.I32) return (int) (long) x;
        if (signed || x < 0x1p63) return (long) x;
        return (long) (x - 0x1p63) ^ Long.MIN_VALUE;
    }

    /** The saturating truncation: 0 for NaN, clamped to the range of {@code to}. */
    public static long truncSat(FloatType from, IntType to, boolean signed, long bits) {
        var failure = truncFailure(from, to, signed, bits);
        if (failure == null) return trunc(from, to, signed, bits);
        if (failure == TruncFailure.NAN) return 0;
        boolean negative = value(from, bits) < 0;
        if (!signed) return negative ? 0 : to == IntType.I32 ? -1 : -1L;
        if (to == IntType.I32) return negative ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /**
     * The smallest value whose truncation fits, as a double. Every float in (bound - 1, bound)
     * truncates into range, and for f32 no float lies strictly between the bound and the next one
     * down that fails, so one inclusive double bound serves both types.
     */
    public static double lowerInclusive(IntType to, boolean signed) {
        if (!signed) return Math.nextUp(-1.0);
        return to == IntType.I32 ? Math.nextUp(-0x1p31 - 1) : -0x1p63;
    }

    /** The smallest value whose truncation is too large, as a double. */
    public static double upperExclusive(IntType to, boolean signed) {
        int bits = to.bits() - (signed ? 1 : 0);
        return Math.scalb(1.0, bits);
    }

    /** f64.promote_f32 / f32.demote_f64; a NaN keeps its sign and (the top of) its payload and is quieted. */
    public static long convert(FloatType to, long bits) {
        if (to == FloatType.F64) {
            int b = (int) bits;
            if (Float.isNaN(Float.intBitsToFloat(b))) {
                long sign = b < 0 ? F64_SIGN : 0;
                long payload = (long) (b & 0x007F_FFFF) << 29;
                return sign | 0x7FF0_0000_0000_0000L | payload | F64_QUIET;
            }
            return Double.doubleToRawLongBits(Float.intBitsToFloat(b));
        }
        if (Double.isNaN(Double.longBitsToDouble(bits))) {
            int sign = bits < 0 ? F32_SIGN : 0;
            int payload = (int) ((bits & 0x000F_FFFF_FFFF_FFFFL) >>> 29);
            return sign | 0x7F80_0000 | payload | F32_QUIET;
        }
        return Float.floatToRawIntBits((float) Double.longBitsToDouble(bits));
    }
}

package flint.compiler.microwasm;

/**
 * Wasm's integer operators on {@code long} values (i32 values sign-extended), shared by the
 * backend's constant folding and the Microwasm interpreter so both follow one definition.
 * {@link #binary} does not trap: callers check {@link #divisionTraps} first.
 */
public final class IntSemantics {
    private IntSemantics() {}

    public static boolean divisionTraps(IntType type, IntBinaryOp op, long a, long b) {
        if (op.kind() != IntBinaryOp.Kind.DIVISION) return false;
        if (b == 0) return true;
        if (op != IntBinaryOp.DIV_S || b != -1) return false;
        return type == IntType.I32 ? (int) a == Integer.MIN_VALUE : a == Long.MIN_VALUE;
    }

    /** {@code a op b}; i32 results are returned sign-extended. */
    public static long binary(IntType type, IntBinaryOp op, long a, long b) {
        if (type == IntType.I32) {
            int x = (int) a;
            int y = (int) b;
            return switch (op) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV_S -> x / y;
                case DIV_U -> Integer.divideUnsigned(x, y);
                case REM_S -> y == -1 ? 0 : x % y;
                case REM_U -> Integer.remainderUnsigned(x, y);
                case AND -> x & y;
                case OR -> x | y;
                case XOR -> x ^ y;
                case SHL -> x << y;
                case SHR_S -> x >> y;
                case SHR_U -> x >>> y;
                case ROTL -> Integer.rotateLeft(x, y);
                case ROTR -> Integer.rotateRight(x, y);
            };
        }
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV_S -> a / b;
            case DIV_U -> Long.divideUnsigned(a, b);
            case REM_S -> b == -1 ? 0 : a % b;
            case REM_U -> Long.remainderUnsigned(a, b);
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case SHL -> a << b;
            case SHR_S -> a >> b;
            case SHR_U -> a >>> b;
            case ROTL -> Long.rotateLeft(a, (int) b);
            case ROTR -> Long.rotateRight(a, (int) b);
        };
    }

    public static long unary(IntType type, IntUnaryOp op, long v) {
        if (type == IntType.I32) {
            int x = (int) v;
            return switch (op) {
                case CLZ -> Integer.numberOfLeadingZeros(x);
                case CTZ -> Integer.numberOfTrailingZeros(x);
                case POPCNT -> Integer.bitCount(x);
            };
        }
        return switch (op) {
            case CLZ -> Long.numberOfLeadingZeros(v);
            case CTZ -> Long.numberOfTrailingZeros(v);
            case POPCNT -> Long.bitCount(v);
        };
    }

    public static boolean compare(IntType type, IntCondition c, long a, long b) {
        if (type == IntType.I32) {
            a = (int) a;
            b = (int) b;
            if (c == IntCondition.LT_U || c == IntCondition.GT_U || c == IntCondition.LE_U || c == IntCondition.GE_U) {
                a &= 0xFFFF_FFFFL;
                b &= 0xFFFF_FFFFL;
            }
        }
        return switch (c) {
            case EQ -> a == b;
            case NE -> a != b;
            case LT_S -> a < b;
            case LT_U -> Long.compareUnsigned(a, b) < 0;
            case GT_S -> a > b;
            case GT_U -> Long.compareUnsigned(a, b) > 0;
            case LE_S -> a <= b;
            case LE_U -> Long.compareUnsigned(a, b) <= 0;
            case GE_S -> a >= b;
            case GE_U -> Long.compareUnsigned(a, b) >= 0;
        };
    }

    public static long signExtend(IntType type, Width from, long v) {
        long r = switch (from) {
            case B8 -> (byte) v;
            case B16 -> (short) v;
            case B32 -> (int) v;
            case B64 -> v;
        };
        return type == IntType.I32 ? (int) r : r;
    }
}

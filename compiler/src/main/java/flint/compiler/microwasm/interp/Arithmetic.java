package flint.compiler.microwasm.interp;

import flint.compiler.microwasm.IntBinaryOp;
import flint.compiler.microwasm.IntCondition;
import flint.compiler.microwasm.IntType;
import flint.compiler.microwasm.IntUnaryOp;
import flint.compiler.WasmTrap;
import flint.compiler.microwasm.Width;

/** Wasm's integer operators on the interpreter's {@code long} values (an i32 sign-extended). */
final class Arithmetic {
    private Arithmetic() {}

    static long unary(IntType type, IntUnaryOp op, long v) {
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

    static long binary(IntType type, IntBinaryOp op, long a, long b) {
        return type == IntType.I32 ? binary32(op, (int) a, (int) b) : binary64(op, a, b);
    }

    private static int binary32(IntBinaryOp op, int a, int b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV_S -> {
                divisor(b);
                if (a == Integer.MIN_VALUE && b == -1) throw overflow();
                yield a / b;
            }
            case DIV_U -> Integer.divideUnsigned(a, divisor(b));
            // Java's remainder of MIN_VALUE by -1 is 0, as Wasm wants: no overflow check.
            case REM_S -> a % divisor(b);
            case REM_U -> Integer.remainderUnsigned(a, divisor(b));
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            // Java masks shift counts to 5 bits, as Wasm does.
            case SHL -> a << b;
            case SHR_S -> a >> b;
            case SHR_U -> a >>> b;
            case ROTL -> Integer.rotateLeft(a, b);
            case ROTR -> Integer.rotateRight(a, b);
        };
    }

    private static long binary64(IntBinaryOp op, long a, long b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV_S -> {
                divisor(b);
                if (a == Long.MIN_VALUE && b == -1) throw overflow();
                yield a / b;
            }
            case DIV_U -> Long.divideUnsigned(a, divisor(b));
            case REM_S -> a % divisor(b);
            case REM_U -> Long.remainderUnsigned(a, divisor(b));
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

    static boolean compare(IntType type, IntCondition c, long a, long b) {
        if (type == IntType.I32) {
            // Sign-extended i32 values compare like i32 signed; unsigned needs the low 32 bits only.
            if (c.name().endsWith("_U")) {
                a = Integer.toUnsignedLong((int) a);
                b = Integer.toUnsignedLong((int) b);
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

    /** Sign-extends the low bits; the result of an i32 extension is an i32, so already sign-extended. */
    static long signExtend(Width from, long v) {
        return switch (from) {
            case B8 -> (byte) v;
            case B16 -> (short) v;
            case B32 -> (int) v;
            case B64 -> v;
        };
    }

    private static int divisor(int b) {
        if (b == 0) throw new InterpreterTrap(WasmTrap.INTEGER_DIVIDE_BY_ZERO, "integer divide by zero");
        return b;
    }

    private static long divisor(long b) {
        if (b == 0) throw new InterpreterTrap(WasmTrap.INTEGER_DIVIDE_BY_ZERO, "integer divide by zero");
        return b;
    }

    private static InterpreterTrap overflow() {
        return new InterpreterTrap(WasmTrap.INTEGER_OVERFLOW, "integer overflow");
    }
}

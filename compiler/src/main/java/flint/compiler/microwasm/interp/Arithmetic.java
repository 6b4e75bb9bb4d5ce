package flint.compiler.microwasm.interp;

import flint.compiler.microwasm.FloatSemantics;
import flint.compiler.microwasm.IntBinaryOp;
import flint.compiler.microwasm.MicroOp;
import flint.compiler.microwasm.IntSemantics;
import flint.compiler.microwasm.IntCondition;
import flint.compiler.microwasm.IntType;
import flint.compiler.microwasm.IntUnaryOp;
import flint.compiler.WasmTrap;
import flint.compiler.microwasm.Width;

/** Wasm's integer operators, and the trapping of float-to-integer truncations, on the interpreter's {@code long} values (an i32 sign-extended). */
final class Arithmetic {
    private Arithmetic() {}

    static long unary(IntType type, IntUnaryOp op, long v) {
        return IntSemantics.unary(type, op, v);
    }

    /** {@code a op b}, trapping where Wasm does: division by zero, and signed overflow of div_s. */
    static long binary(IntType type, IntBinaryOp op, long a, long b) {
        if (IntSemantics.divisionTraps(type, op, a, b)) {
            if (type == IntType.I32 ? (int) b == 0 : b == 0) {
                throw new InterpreterTrap(WasmTrap.INTEGER_DIVIDE_BY_ZERO, "integer divide by zero");
            }
            throw new InterpreterTrap(WasmTrap.INTEGER_OVERFLOW, "integer overflow");
        }
        return IntSemantics.binary(type, op, a, b);
    }

    /** A float-to-integer truncation, trapping where Wasm does unless it saturates. */
    static long trunc(MicroOp.FloatToInt t, long v) {
        if (t.saturating()) return FloatSemantics.truncSat(t.from(), t.to(), t.signed(), v);
        var failure = FloatSemantics.truncFailure(t.from(), t.to(), t.signed(), v);
        if (failure == FloatSemantics.TruncFailure.NAN) {
            throw new InterpreterTrap(WasmTrap.INVALID_CONVERSION, "invalid conversion to integer");
        }
        if (failure == FloatSemantics.TruncFailure.OVERFLOW) throw new InterpreterTrap(WasmTrap.INTEGER_OVERFLOW, "integer overflow");
        return FloatSemantics.trunc(t.from(), t.to(), t.signed(), v);
    }

    static boolean compare(IntType type, IntCondition c, long a, long b) {
        return IntSemantics.compare(type, c, a, b);
    }

    static long signExtend(IntType type, Width from, long v) {
        return IntSemantics.signExtend(type, from, v);
    }
}

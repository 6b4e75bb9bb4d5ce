package flint.runtime;

import flint.wasm.model.ConstExpr;
import flint.wasm.model.Instruction;
import flint.wasm.model.RefType;
import flint.wasm.value.Value;
import java.util.ArrayDeque;
import java.util.function.IntFunction;

/**
 * Evaluates constant expressions (global initializers, segment offsets) of a validated module:
 * constants, {@code ref.null}, {@code global.get} and the extended-const {@code i32/i64.add, sub,
 * mul}.
 */
final class ConstEval {

    private ConstEval() {}

    /**
     * @param globals the value of global {@code g}; only globals the validator let the expression
     *     see are asked for
     * @param functions the reference to function {@code f}, for {@code ref.func}
     */
    static Value eval(ConstExpr expr, IntFunction<Value> globals, IntFunction<Value> functions) {
        var stack = new ArrayDeque<Value>();
        for (var insn : expr.instructions()) {
            switch (insn) {
                case Instruction.I32Const(int v) -> stack.push(Value.i32(v));
                case Instruction.I64Const(long v) -> stack.push(Value.i64(v));
                case Instruction.F32Const(int bits) -> stack.push(new Value.F32(bits));
                case Instruction.F64Const(long bits) -> stack.push(new Value.F64(bits));
                case Instruction.V128Const(long low, long high) -> stack.push(new Value.V128(low, high));
                case Instruction.RefNull(var heap) -> stack.push(Value.zero(new RefType(true, heap)));
                case Instruction.Indexed(var op, int index) when op == flint.wasm.model.Opcode.GLOBAL_GET ->
                        stack.push(globals.apply(index));
                case Instruction.Indexed(var op, int index) when op == flint.wasm.model.Opcode.REF_FUNC ->
                        stack.push(functions.apply(index));
                case Instruction.Plain(var op) -> {
                    var b = stack.pop();
                    var a = stack.pop();
                    stack.push(switch (op) {
                        case I32_ADD -> Value.i32(i32(a) + i32(b));
                        case I32_SUB -> Value.i32(i32(a) - i32(b));
                        case I32_MUL -> Value.i32(i32(a) * i32(b));
                        case I64_ADD -> Value.i64(i64(a) + i64(b));
                        case I64_SUB -> Value.i64(i64(a) - i64(b));
                        case I64_MUL -> Value.i64(i64(a) * i64(b));
                        default -> throw notConstant(insn);
                    });
                }
                default -> throw notConstant(insn);
            }
        }
        if (stack.size() != 1) {
            throw new IllegalStateException("constant expression left " + stack.size() + " values: " + expr);
        }
        return stack.pop();
    }

    private static int i32(Value v) {
        return ((Value.I32) v).value();
    }

    private static long i64(Value v) {
        return ((Value.I64) v).value();
    }

    private static IllegalStateException notConstant(Instruction insn) {
        return new IllegalStateException("not a constant instruction (the module was not validated?): " + insn);
    }
}

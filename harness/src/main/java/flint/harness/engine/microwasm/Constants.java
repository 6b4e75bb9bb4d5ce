package flint.harness.engine.microwasm;

import flint.harness.engine.EngineFailure;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.Instruction;
import flint.wasm.model.RefType;
import flint.wasm.value.Value;
import java.util.ArrayDeque;
import java.util.function.IntFunction;

/**
 * Evaluates constant expressions (global initializers, segment offsets and items, table
 * initializers): constants, {@code ref.null}, {@code ref.func}, {@code global.get} and the
 * extended-constant integer arithmetic. Validation has typed them already.
 */
final class Constants {
    private final IntFunction<Value> globals;
    private final IntFunction<Value> functionRefs;

    /**
     * @param globals      the value of global {@code i} (those an initializer may read are set by then)
     * @param functionRefs a reference to function {@code i}
     */
    Constants(IntFunction<Value> globals, IntFunction<Value> functionRefs) {
        this.globals = globals;
        this.functionRefs = functionRefs;
    }

    Value evaluate(ConstExpr expr) {
        var stack = new ArrayDeque<Value>();
        for (var insn : expr.instructions()) {
            switch (insn) {
                case Instruction.I32Const c -> stack.push(new Value.I32(c.value()));
                case Instruction.I64Const c -> stack.push(new Value.I64(c.value()));
                case Instruction.F32Const c -> stack.push(new Value.F32(c.bits()));
                case Instruction.F64Const c -> stack.push(new Value.F64(c.bits()));
                case Instruction.V128Const c -> stack.push(new Value.V128(c.low(), c.high()));
                case Instruction.RefNull r -> stack.push(Value.zero(new RefType(true, r.type())));
                case Instruction.Indexed ix when insn.opcode() == flint.wasm.model.Opcode.REF_FUNC ->
                        stack.push(functionRefs.apply(ix.index()));
                case Instruction.Indexed ix when insn.opcode() == flint.wasm.model.Opcode.GLOBAL_GET ->
                        stack.push(globals.apply(ix.index()));
                case Instruction.Plain p -> {
                    var b = stack.pop();
                    var a = stack.pop();
                    stack.push(arithmetic(p, a, b));
                }
                default -> throw new EngineFailure("constant expression instruction " + insn.opcode() + " is not supported", null);
            }
        }
        return stack.pop();
    }

    private static Value arithmetic(Instruction.Plain p, Value a, Value b) {
        if (a instanceof Value.I32(int x) && b instanceof Value.I32(int y)) {
            return new Value.I32(switch (p.opcode()) {
                case I32_ADD -> x + y;
                case I32_SUB -> x - y;
                case I32_MUL -> x * y;
                default -> throw unsupported(p);
            });
        }
        if (a instanceof Value.I64(long x) && b instanceof Value.I64(long y)) {
            return new Value.I64(switch (p.opcode()) {
                case I64_ADD -> x + y;
                case I64_SUB -> x - y;
                case I64_MUL -> x * y;
                default -> throw unsupported(p);
            });
        }
        throw unsupported(p);
    }

    private static EngineFailure unsupported(Instruction.Plain p) {
        return new EngineFailure("constant expression instruction " + p.opcode() + " is not supported", null);
    }

    /** An offset as an unsigned address: i32 offsets are u32, i64 ones (64-bit memories and tables) as they are. */
    static long address(Value offset) {
        return switch (offset) {
            case Value.I32 v -> Integer.toUnsignedLong(v.value());
            case Value.I64 v -> v.value();
            default -> throw new EngineFailure("segment offset " + offset + " is not an integer", null);
        };
    }
}

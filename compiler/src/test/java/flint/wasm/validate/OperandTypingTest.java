package flint.wasm.validate;

import static flint.wasm.validate.Wasm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Numeric instructions typed by their signatures, the stack discipline, and the parametric instructions. */
class OperandTypingTest {

    @Test
    void binaryOperatorTakesTwoOperandsOfItsType() {
        validBody(fn(types(), types(I32)), i32(1), i32(2), op(Opcode.I32_ADD));
        validBody(fn(types(I64, I64), types(I32)), get(0), get(1), op(Opcode.I64_LT_U));
    }

    @Test
    void operandOfTheWrongTypeIsTypeMismatchWithTheReferenceWording() {
        var e = invalidBody("type mismatch: instruction requires [i32 i32] but stack has [i32 i64]",
                fn(types(), types(I32)), i32(1), i64(2), op(Opcode.I32_ADD));
        assertEquals(0, e.function());
        assertTrue(e.getMessage().contains("i32.add"), e.getMessage());
    }

    @Test
    void missingOperandIsTypeMismatch() {
        invalidBody("type mismatch: instruction requires [i32 i32] but stack has [i32]", fn(types(), types(I32)),
                i32(1), op(Opcode.I32_ADD));
        invalidBody("type mismatch", fn(types(), types()), op(Opcode.I32_EQZ), DROP);
    }

    @Test
    void operandsOutsideTheCurrentBlockAreNotVisible() {
        invalidBody("type mismatch", fn(types(), types()), i32(0), block(), op(Opcode.I32_EQZ), DROP, END, DROP);
        invalidBody("type mismatch", fn(types(), types()), i32(0), loop(), op(Opcode.I32_EQZ), DROP, END, DROP);
    }

    @Test
    void valuesLeftAtTheEndOfTheFunctionAreTypeMismatch() {
        invalidBody("type mismatch", fn(types(), types()), i32(1));
        invalidBody("type mismatch", fn(types(), types(I32)), i32(1), i32(2));
        invalidBody("type mismatch", fn(types(), types(I32)));
        invalidBody("type mismatch", fn(types(), types(I32)), i64(1));
    }

    /** Every instruction with a fixed signature accepts exactly its parameters and leaves exactly its results. */
    @ParameterizedTest
    @EnumSource(Opcode.class)
    void everySignatureTypedInstructionIsTypedByItsSignature(Opcode op) {
        if (op.signature() == null || op.immediate() != flint.wasm.model.Immediate.NONE) return;
        var sig = op.signature();
        var params = letters(sig.substring(0, sig.indexOf(':')));
        var results = letters(sig.substring(sig.indexOf(':') + 1));
        var body = new ArrayList<Instruction>();
        for (int i = 0; i < params.size(); i++) body.add(get(i));
        body.add(op(op));
        assertValid(func(fn(params, results), body.toArray(Instruction[]::new)));
        if (!params.isEmpty()) {
            // One operand short.
            assertInvalid("type mismatch", func(fn(params, results), body.subList(1, body.size()).toArray(Instruction[]::new)));
            // Last operand of another type.
            var other = new ArrayList<>(params);
            other.set(other.size() - 1, other.getLast() == I32 ? F64 : I32);
            assertInvalid("type mismatch", func(fn(other, results), body.toArray(Instruction[]::new)));
        }
    }

    private static List<ValType> letters(String s) {
        var out = new ArrayList<ValType>();
        for (char c : s.toCharArray()) {
            out.add(switch (c) {
                case 'i' -> I32;
                case 'l' -> I64;
                case 'f' -> F32;
                case 'd' -> F64;
                case 'v' -> V128;
                default -> throw new AssertionError(s);
            });
        }
        return out;
    }

    @Test
    void constantsPushTheirType() {
        validBody(fn(types(), types(I32, I64, F32, F64, V128)), i32(0), i64(0), f32(0), f64(0), v128());
    }

    @Test
    void simdLaneIndexMustBeBelowTheLaneCount() {
        validBody(fn(types(V128), types(I32)), get(0), ix(Opcode.I8X16_EXTRACT_LANE_S, 15));
        invalidBody("invalid lane index", fn(types(V128), types(I32)), get(0), ix(Opcode.I8X16_EXTRACT_LANE_S, 16));
        validBody(fn(types(V128, I64), types(V128)), get(0), get(1), ix(Opcode.I64X2_REPLACE_LANE, 1));
        invalidBody("invalid lane index", fn(types(V128, I64), types(V128)), get(0), get(1), ix(Opcode.I64X2_REPLACE_LANE, 2));
        invalidBody("invalid lane index", fn(types(V128), types(F64)), get(0), ix(Opcode.F64X2_EXTRACT_LANE, 255));
    }

    @Test
    void shuffleLanesMustBeBelow32() {
        var lanes = new byte[16];
        lanes[15] = 31;
        validBody(fn(types(V128, V128), types(V128)), get(0), get(1), new Instruction.Shuffle(lanes));
        lanes[3] = 32;
        invalidBody("invalid lane index", fn(types(V128, V128), types(V128)), get(0), get(1), new Instruction.Shuffle(lanes));
    }

    @Test
    void dropTakesAnyValue() {
        validBody(fn(types(), types()), i32(0), DROP, v128(), DROP, refNullOf(flint.wasm.model.AbsHeapType.EXTERN), DROP);
        invalidBody("type mismatch", fn(types(), types()), DROP);
    }

    @Test
    void untypedSelectTakesTwoOperandsOfOneNumberOrVectorType() {
        validBody(fn(types(), types(F64)), f64(1), f64(2), i32(0), SELECT);
        validBody(fn(types(), types(V128)), v128(), v128(), i32(0), SELECT);
        invalidBody("type mismatch", fn(types(), types(I32)), i32(1), i64(2), i32(0), SELECT);
        invalidBody("type mismatch", fn(types(), types(I32)), i32(1), i32(2), i64(0), SELECT);
        invalidBody("type mismatch", fn(types(), types()), SELECT, DROP);
    }

    @Test
    void untypedSelectRejectsReferences() {
        invalidBody("type mismatch", fn(types(FUNCREF), types(FUNCREF)), get(0), get(0), i32(1), SELECT);
        invalidBody("type mismatch", fn(types(EXTERNREF), types(EXTERNREF)), get(0), get(0), i32(1), SELECT);
    }

    @Test
    void typedSelectNeedsExactlyOneType() {
        validBody(fn(types(FUNCREF), types(FUNCREF)), get(0), get(0), i32(1), new Instruction.SelectTyped(types(FUNCREF)));
        invalidBody("invalid result arity", fn(types(), types()), NOP, NOP, i32(1), new Instruction.SelectTyped(types()));
        invalidBody("invalid result arity", fn(types(), types(I32, I32)), i32(0), i32(0), i32(0), i32(0), i32(1),
                new Instruction.SelectTyped(types(I32, I32)));
        invalidBody("unknown type", fn(types(), types()), UNREACHABLE, new Instruction.SelectTyped(types(ref(5))), DROP);
        invalidBody("type mismatch", fn(types(EXTERNREF), types(EXTERNREF)), get(0), get(0), i32(1),
                new Instruction.SelectTyped(types(FUNCREF)));
    }

    @Test
    void unreachableMakesTheStackPolymorphic() {
        validBody(fn(types(), types(I32)), UNREACHABLE, op(Opcode.I32_ADD));
        validBody(fn(types(), types(I32)), UNREACHABLE, SELECT, op(Opcode.I32_EQZ));
        validBody(fn(types(), types()), UNREACHABLE, SELECT, op(Opcode.REF_IS_NULL), DROP);
        validBody(fn(types(), types(I64)), UNREACHABLE, i64(0), i32(0), SELECT, i64(1), op(Opcode.I64_ADD));
        // Known operands are still checked.
        invalidBody("type mismatch", fn(types(), types()), UNREACHABLE, i64(0), op(Opcode.I32_EQZ), DROP);
        invalidBody("type mismatch", fn(types(), types()), UNREACHABLE, i32(1), i64(1), i32(1), SELECT, DROP);
        invalidBody("type mismatch", fn(types(), types(I32)), UNREACHABLE, i64(0));
        // The polymorphic stack can supply operands but nothing may be left over.
        invalidBody("type mismatch", fn(types(), types()), UNREACHABLE, i32(0));
    }

    @Test
    void unreachableEndsAtTheEndOfTheBlock() {
        invalidBody("type mismatch", fn(types(), types(I32)), block(), UNREACHABLE, END, op(Opcode.I32_EQZ));
        validBody(fn(types(), types(I32)), block(I32), UNREACHABLE, END);
    }
}

package flint.wasm.validate;

import static flint.wasm.validate.Wasm.*;

import flint.wasm.model.Opcode;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Blocks, branches and calls, including multi-value blocks and tail calls. */
class ControlTest {

    @Test
    void blockResultsMustBeProduced() {
        validBody(fn(types(), types(I32)), block(I32), i32(1), END);
        invalidBody("type mismatch", fn(types(), types(I32)), block(I32), END);
        invalidBody("type mismatch", fn(types(), types(I32)), block(I32), i64(1), END);
        invalidBody("type mismatch", fn(types(), types()), block(), i32(1), END);
    }

    @Test
    void multiValueBlocksTakeParametersFromTheStack() {
        var m = module(b -> {
            int t = b.type(types(I32, I32), types(I64));
            b.function(fn(types(), types(I64)), List.of(i32(1), i32(2), block(Opcode.BLOCK, t), op(Opcode.I32_ADD),
                    op(Opcode.I64_EXTEND_I32_U), END));
        });
        assertValid(m);
        var missing = module(b -> {
            int t = b.type(types(I32, I32), types(I64));
            b.function(fn(types(), types(I64)), List.of(i32(1), block(Opcode.BLOCK, t), op(Opcode.I32_ADD),
                    op(Opcode.I64_EXTEND_I32_U), END));
        });
        assertInvalid("type mismatch", missing);
    }

    @Test
    void blockTypeIndexMustExist() {
        invalidBody("unknown type", fn(types(), types()), block(Opcode.BLOCK, 7), END);
        invalidBody("unknown type", fn(types(), types()), block(Opcode.LOOP, -1), END);
        invalidBody("unknown type", fn(types(), types()), block(ref(3)), UNREACHABLE, END, DROP);
    }

    @Test
    void loopLabelTakesTheParameters() {
        var m = module(b -> {
            int t = b.type(types(I32), types(I64));
            b.function(fn(types(), types(I64)), List.of(i32(1), block(Opcode.LOOP, t), br(0), END));
        });
        assertValid(m);
        // The loop's label wants its [i32] parameter, not its result.
        assertInvalid("type mismatch", module(b -> {
            int t = b.type(types(I32), types(I64));
            b.function(fn(types(), types(I64)), List.of(i32(1), block(Opcode.LOOP, t), DROP, i64(0), br(0), END));
        }));
        validBody(fn(types(), types(I32)), loop(I32), br(0), END);
    }

    @Test
    void ifNeedsAConditionAndMatchingBranches() {
        validBody(fn(types(I32), types(I32)), get(0), if_(I32), i32(1), ELSE, i32(2), END);
        invalidBody("type mismatch", fn(types(), types(I32)), if_(I32), i32(1), ELSE, i32(2), END);
        invalidBody("type mismatch", fn(types(I32), types(I32)), get(0), if_(I32), i32(1), ELSE, i64(2), END);
        invalidBody("type mismatch", fn(types(I32), types(I32)), get(0), if_(I32), ELSE, i32(2), END);
    }

    @Test
    void ifWithoutElseMustPassItsParametersThrough() {
        invalidBody("type mismatch", fn(types(I32), types(I32)), get(0), if_(I32), i32(1), END);
        var passThrough = module(b -> {
            int t = b.type(types(I32), types(I32));
            b.function(fn(types(I32), types(I32)), List.of(get(0), get(0), block(Opcode.IF, t), END));
        });
        assertValid(passThrough);
    }

    @Test
    void elseOutsideIfIsMalformedAsTheDecoderSaysIt() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(flint.wasm.binary.MalformedModuleException.class,
                () -> Validator.validate(func(VOID, block(), ELSE, END)));
        org.junit.jupiter.api.Assertions.assertEquals("END opcode expected", e.wording());
    }

    @Test
    void branchesCheckTheLabelTypes() {
        validBody(fn(types(), types(I32)), block(I32), i32(1), br(0), END);
        invalidBody("type mismatch", fn(types(), types(I32)), block(I32), i64(1), br(0), END);
        invalidBody("type mismatch", fn(types(), types(I32)), block(I32), br(0), END);
        // br to the function's label returns.
        validBody(fn(types(), types(I32)), i32(1), br(0));
    }

    @Test
    void branchToMissingLabelIsUnknownLabel() {
        invalidBody("unknown label", fn(types(), types()), br(1));
        invalidBody("unknown label", fn(types(), types()), block(), block(), br(5), END, END);
        invalidBody("unknown label", fn(types(), types()), br(0x10000001));
        invalidBody("unknown label", fn(types(), types()), UNREACHABLE, br(1));
        invalidBody("unknown label", fn(types(), types()), i32(1), brIf(1));
    }

    @Test
    void brIfKeepsTheLabelTypesOnTheStack() {
        validBody(fn(types(I32), types(I32)), block(I32), i32(1), get(0), brIf(0), END);
        invalidBody("type mismatch", fn(types(I32), types(I32)), block(I32), i32(1), brIf(0), END);
        invalidBody("type mismatch", fn(types(I32), types(I32)), block(I32), i64(1), get(0), brIf(0), END);
    }

    @Test
    void brTableTargetsMustAgree() {
        validBody(fn(types(I32), types(I32)), block(I32), block(I32), i32(7), get(0), brTable(1, 0, 1), END, END);
        invalidBody("type mismatch", fn(types(I32), types(I32)), block(I32), block(), i32(7), get(0), brTable(1, 0), END, END);
        invalidBody("type mismatch", fn(types(I32), types(I32)), block(I32), block(F32), i32(7), get(0), brTable(1, 0), END, END);
        invalidBody("unknown label", fn(types(I32), types()), block(), get(0), brTable(0, 5), END);
        invalidBody("unknown label", fn(types(I32), types()), block(), get(0), brTable(2, 1), END);
        invalidBody("type mismatch", fn(types(), types()), block(), i64(0), brTable(0), END);
    }

    @Test
    void brTableInUnreachableCodeMeetsTheTargetsAtBottom() {
        // From the testsuite's unreached-valid "meet-bottom": f32 and f64 targets both accept an unknown value.
        validBody(fn(types(), types()), block(F64), block(F32), UNREACHABLE, i32(1), brTable(1, 0, 1), END, DROP,
                f64(0), END, DROP);
    }

    @Test
    void returnChecksTheFunctionResults() {
        validBody(fn(types(), types(I32)), i32(1), RETURN);
        validBody(fn(types(), types(I32)), block(), i32(1), RETURN, END, i32(2));
        invalidBody("type mismatch", fn(types(), types(I32)), i64(1), RETURN);
        invalidBody("type mismatch", fn(types(), types(I32)), RETURN);
    }

    @Test
    void callsPopParametersAndPushResults() {
        var m = module(b -> {
            int callee = b.function(fn(types(I32, I64), types(F32)), List.of(f32(0)));
            b.function(fn(types(), types(F32)), List.of(i32(1), i64(2), call(callee)));
        });
        assertValid(m);
        var wrong = module(b -> {
            int callee = b.function(fn(types(I32, I64), types(F32)), List.of(f32(0)));
            b.function(fn(types(), types(F32)), List.of(i64(2), i32(1), call(callee)));
        });
        assertInvalid("type mismatch", wrong);
        invalidBody("unknown function", fn(types(), types()), call(1));
        invalidBody("unknown function", fn(types(), types()), call(1012321300));
    }

    @Test
    void callsReachImportedFunctionsFirst() {
        var m = module(b -> {
            b.importFunction("env", "f", fn(types(I32), types()));
            b.function(VOID, List.of(i32(0), call(0)));
        });
        assertValid(m);
    }

    @Test
    void tailCallsNeedMatchingResults() {
        var ok = module(b -> {
            int callee = b.function(fn(types(I32), types(I32)), List.of(get(0)));
            b.function(fn(types(), types(I32)), List.of(i32(1), ix(Opcode.RETURN_CALL, callee)));
        });
        assertValid(ok);
        var wrongResults = module(b -> {
            int callee = b.function(fn(types(I32), types(I64)), List.of(i64(0)));
            b.function(fn(types(), types(I32)), List.of(i32(1), ix(Opcode.RETURN_CALL, callee)));
        });
        assertInvalid("type mismatch", wrongResults);
        var wrongArgs = module(b -> {
            int callee = b.function(fn(types(I32), types(I32)), List.of(get(0)));
            b.function(fn(types(), types(I32)), List.of(ix(Opcode.RETURN_CALL, callee)));
        });
        assertInvalid("type mismatch", wrongArgs);
        invalidBody("unknown function", fn(types(), types()), ix(Opcode.RETURN_CALL, 3));
    }

    @Test
    void tailCallEndsTheBlock() {
        var m = module(b -> {
            int callee = b.function(fn(types(), types(I32)), List.of(i32(0)));
            // After return_call the stack is polymorphic: i64.add is fine.
            b.function(fn(types(), types(I32)), List.of(ix(Opcode.RETURN_CALL, callee), op(Opcode.I64_ADD), DROP, i32(0)));
        });
        assertValid(m);
    }

    @Test
    void tailCallResultsMayBeSubtypes() {
        var m = module(b -> {
            int t = b.type(types(), types());
            int callee = b.function(fn(types(), types(ref(t))), List.of(UNREACHABLE));
            b.function(fn(types(), types(refNull(t))), List.of(ix(Opcode.RETURN_CALL, callee)));
        });
        assertValid(m);
        var reversed = module(b -> {
            int t = b.type(types(), types());
            int callee = b.function(fn(types(), types(refNull(t))), List.of(UNREACHABLE));
            b.function(fn(types(), types(ref(t))), List.of(ix(Opcode.RETURN_CALL, callee)));
        });
        assertInvalid("type mismatch", reversed);
    }

    @Test
    void nestingIsDeepWithoutRecursion() {
        int depth = 20_000;
        var body = new flint.wasm.model.Instruction[depth * 2];
        for (int i = 0; i < depth; i++) {
            body[i] = block();
            body[depth + i] = END;
        }
        validBody(VOID, body);
    }
}

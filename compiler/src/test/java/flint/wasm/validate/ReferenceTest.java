package flint.wasm.validate;

import static flint.wasm.validate.Wasm.*;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reference instructions and typed function references. */
class ReferenceTest {

    @Test
    void refNullOfEachHeapType() {
        validBody(fn(types(), types(FUNCREF, EXTERNREF, EXNREF)),
                refNullOf(AbsHeapType.FUNC), refNullOf(AbsHeapType.EXTERN), refNullOf(AbsHeapType.EXN));
        // Bottom types are subtypes of their hierarchy's nullable types.
        validBody(fn(types(), types(FUNCREF, EXTERNREF)), refNullOf(AbsHeapType.NOFUNC), refNullOf(AbsHeapType.NOEXTERN));
        invalidBody("type mismatch", fn(types(), types(FUNCREF)), refNullOf(AbsHeapType.EXTERN));
        invalidBody("unknown type", fn(types(), types()), refNullOf(new ConcreteHeapType(3)), DROP);
    }

    @Test
    void refIsNullTakesAnyReference() {
        validBody(fn(types(EXTERNREF), types(I32)), get(0), op(Opcode.REF_IS_NULL));
        invalidBody("type mismatch", fn(types(I32), types(I32)), get(0), op(Opcode.REF_IS_NULL));
        invalidBody("type mismatch", fn(types(), types(I32)), op(Opcode.REF_IS_NULL));
    }

    @Test
    void refFuncNeedsADeclaredFunction() {
        invalidBody("undeclared function reference", VOID, ix(Opcode.REF_FUNC, 0), DROP);
        assertInvalid("undeclared function reference", module(b -> {
            int f = b.function(VOID, List.of(ix(Opcode.REF_FUNC, 0), DROP));
            b.start(f);
        }));
        invalidBody("unknown function 7", VOID, ix(Opcode.REF_FUNC, 7), DROP);
        // Declared by an export, a declarative segment, a global initializer or a table initializer.
        assertValid(module(b -> {
            int f = b.function(VOID, List.of(ix(Opcode.REF_FUNC, 0), DROP));
            b.exportFunction("f", f);
        }));
        assertValid(module(b -> {
            int f = b.function(VOID, List.of(ix(Opcode.REF_FUNC, 0), DROP));
            b.element(new ElementSegment(FUNCREF, ElementSegment.DECLARATIVE, List.of(ConstExpr.refFunc(f))));
        }));
        assertValid(module(b -> {
            b.global(FUNCREF, false, ConstExpr.refFunc(0));
            b.function(VOID, List.of(ix(Opcode.REF_FUNC, 0), DROP));
        }));
    }

    @Test
    void refFuncHasTheFunctionsConcreteNonNullType() {
        assertValid(module(b -> {
            int t = b.type(types(I32), types(I32));
            b.function(fn(types(I32), types(I32)), List.of(get(0)));
            b.exportFunction("f", 0);
            b.function(fn(types(), types(ref(t))), List.of(ix(Opcode.REF_FUNC, 0)));
        }));
        assertInvalid("type mismatch", module(b -> {
            b.type(types(), types());
            b.function(fn(types(I32), types(I32)), List.of(get(0)));
            b.exportFunction("f", 0);
            b.function(fn(types(), types(ref(0))), List.of(ix(Opcode.REF_FUNC, 0)));
        }));
    }

    @Test
    void refAsNonNullDropsNullability() {
        assertValid(module(b -> {
            int t = b.type(types(), types());
            b.function(fn(types(refNull(t)), types(ref(t))), List.of(get(0), op(Opcode.REF_AS_NON_NULL)));
        }));
        assertInvalid("type mismatch", module(b -> {
            int t = b.type(types(), types(I32));
            int g = b.function(fn(types(ref(t)), types()), List.of(get(0), op(Opcode.REF_AS_NON_NULL), DROP));
            b.function(VOID, List.of(refNullOf(new ConcreteHeapType(t)), call(g)));
        }));
        invalidBody("type mismatch", fn(types(I32), types()), get(0), op(Opcode.REF_AS_NON_NULL), DROP);
    }

    @Test
    void unknownOperandBecomesBottomReference() {
        // unreached-valid.wast "Bottom heap type": (ref bot) matches any non-null reference...
        validBody(fn(types(), types(ref(AbsHeapType.FUNC))), UNREACHABLE, op(Opcode.REF_AS_NON_NULL));
        validBody(fn(types(), types(ref(AbsHeapType.EXTERN))), UNREACHABLE, op(Opcode.REF_AS_NON_NULL));
        // ...but is a reference: f32.abs on it is a type mismatch (unreached-invalid.wast).
        invalidBody("type mismatch", VOID, UNREACHABLE, op(Opcode.REF_AS_NON_NULL), op(Opcode.F32_ABS));
        validBody(fn(types(), types(ref(AbsHeapType.FUNC))), block(FUNCREF), UNREACHABLE, ix(Opcode.BR_ON_NULL, 0),
                RETURN, END, UNREACHABLE);
    }

    @Test
    void brOnNullBranchesWithTheLabelAndKeepsANonNullReference() {
        assertValid(module(b -> {
            int t = b.type(types(), types());
            b.function(fn(types(refNull(t)), types(ref(t))), List.of(block(), get(0), ix(Opcode.BR_ON_NULL, 0), RETURN, END,
                    UNREACHABLE));
        }));
        invalidBody("type mismatch", fn(types(I32), types()), block(), get(0), ix(Opcode.BR_ON_NULL, 0), DROP, END);
        invalidBody("unknown label", fn(types(FUNCREF), types()), get(0), ix(Opcode.BR_ON_NULL, 1), DROP);
        // br_on_null.wast: only two funcrefs are left, so the call with (ref null $t) fails.
        assertInvalid("type mismatch", module(b -> {
            int t = b.type(types(), types());
            int f = b.function(fn(types(refNull(t)), types(FUNCREF)), List.of(get(0)));
            b.function(fn(types(FUNCREF), types(FUNCREF)), List.of(refNullOf(new ConcreteHeapType(t)), get(0),
                    ix(Opcode.BR_ON_NULL, 0), DROP, call(f)));
        }));
    }

    @Test
    void brOnNonNullPassesTheNonNullReferenceToTheLabel() {
        assertValid(module(b -> {
            int t = b.type(types(), types());
            b.function(fn(types(refNull(t)), types(ref(t))), List.of(get(0), ix(Opcode.BR_ON_NON_NULL, 0), UNREACHABLE));
        }));
        assertValid(module(b -> {
            int t = b.type(types(), types());
            b.function(fn(types(I32, refNull(t)), types(I32, FUNCREF)),
                    List.of(get(0), get(1), ix(Opcode.BR_ON_NON_NULL, 0), refNullOf(AbsHeapType.FUNC)));
        }));
        // The label must end in a reference type.
        invalidBody("type mismatch", fn(types(FUNCREF), types()), get(0), ix(Opcode.BR_ON_NON_NULL, 0));
        invalidBody("type mismatch", fn(types(FUNCREF), types(I32)), get(0), ix(Opcode.BR_ON_NON_NULL, 0), i32(0));
        invalidBody("type mismatch", fn(types(EXTERNREF), types(FUNCREF)), get(0), ix(Opcode.BR_ON_NON_NULL, 0), UNREACHABLE);
        // br_on_non_null.wast: only one funcref is left.
        assertInvalid("type mismatch", module(b -> {
            int t = b.type(types(), types());
            int f = b.function(fn(types(refNull(t)), types(FUNCREF)), List.of(get(0)));
            b.function(fn(types(FUNCREF), types(FUNCREF, FUNCREF)), List.of(refNullOf(new ConcreteHeapType(t)), get(0),
                    ix(Opcode.BR_ON_NON_NULL, 0), call(f), get(0)));
        }));
    }

    @Test
    void callRefTakesANullableReferenceToTheType() {
        assertValid(module(b -> {
            int t = b.type(types(I32), types(I64));
            b.function(fn(types(refNull(t)), types(I64)), List.of(i32(1), get(0), ix(Opcode.CALL_REF, t)));
            b.function(fn(types(ref(t)), types(I64)), List.of(i32(1), get(0), ix(Opcode.CALL_REF, t)));
        }));
        assertInvalid("type mismatch", module(b -> {
            int t = b.type(types(), types());
            b.function(fn(types(FUNCREF), types()), List.of(get(0), ix(Opcode.CALL_REF, t)));
        }));
        assertInvalid("type mismatch", module(b -> {
            int t = b.type(types(), types());
            b.function(fn(types(EXTERNREF), types()), List.of(get(0), ix(Opcode.CALL_REF, t)));
        }));
        invalidBody("unknown type", VOID, UNREACHABLE, ix(Opcode.CALL_REF, 9));
        // call_ref.wast: the unknown reference still checks the arguments.
        assertInvalid("type mismatch", module(b -> {
            int t = b.type(types(I32), types(I32));
            int f = b.function(fn(types(I32), types(I32)), List.of(get(0)));
            b.exportFunction("f", f);
            b.function(fn(types(), types(I32)), List.of(UNREACHABLE, i64(0), ix(Opcode.REF_FUNC, f), ix(Opcode.CALL_REF, t)));
        }));
    }

    @Test
    void returnCallRefNeedsMatchingResults() {
        assertInvalid("type mismatch", module(b -> {
            int ty = b.type(types(), types(I32, I32));
            b.function(fn(types(ref(ty)), types(I32)), List.of(get(0), ix(Opcode.RETURN_CALL_REF, ty)));
        }));
        assertValid(module(b -> {
            int ty = b.type(types(), types(I32, I32));
            b.function(fn(types(ref(ty)), types(I32, I32)), List.of(get(0), ix(Opcode.RETURN_CALL_REF, ty)));
        }));
        // return_call_ref.wast: (ref null $t) results do not match (ref $t).
        assertInvalid("type mismatch", module(b -> {
            int t = b.type(types(), types());
            int t2 = b.type(types(), types(refNull(t)));
            b.function(fn(types(ref(t2)), types(ref(t))), List.of(get(0), ix(Opcode.RETURN_CALL_REF, t2)));
        }));
    }

    @Test
    void structurallyEqualTypesAreInterchangeable() {
        // type-equivalence.wast: $t1 and $t2 are the same type, so the calls type-check both ways.
        var t1 = fn(types(F32, F32), types(F32));
        var m = new flint.wasm.model.WasmModule(List.of(t1, t1, fn(types(ref(0)), types()), fn(types(ref(1)), types())),
                List.of(), List.of(2, 3),
                List.of(), List.of(), List.of(), List.of(), List.of(), java.util.OptionalInt.empty(), List.of(),
                java.util.OptionalInt.empty(),
                List.of(body(get(0), call(1)), body(get(0), call(0))), List.of(), List.of());
        assertValid(m);
    }

    @Test
    void refEqNeedsEqReferences() {
        invalidBody("type mismatch", fn(types(FUNCREF), types(I32)), get(0), get(0), op(Opcode.REF_EQ));
        validBody(fn(types(), types(I32)), refNullOf(AbsHeapType.NONE), refNullOf(AbsHeapType.I31), op(Opcode.REF_EQ));
    }

    static flint.wasm.model.FunctionBody body(Instruction... insns) {
        var list = new java.util.ArrayList<>(List.of(insns));
        list.add(END);
        return new flint.wasm.model.FunctionBody(List.of(), flint.wasm.binary.CodeWriter.encode(list), 0);
    }
}

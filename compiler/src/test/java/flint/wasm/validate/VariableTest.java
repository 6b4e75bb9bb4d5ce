package flint.wasm.validate;

import static flint.wasm.validate.Wasm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.LocalGroup;
import flint.wasm.model.Opcode;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Locals (including non-defaultable ones) and globals. */
class VariableTest {
    private static final flint.wasm.model.RefType REF_EXTERN = ref(AbsHeapType.EXTERN);

    @Test
    void localsAreParametersThenDeclarations() {
        assertValid(func(fn(types(I32), types(F64)), types(I64, F64), get(0), DROP, get(1), DROP, get(2)));
        assertInvalid("type mismatch", func(fn(types(I32), types(F64)), types(I64, F64), get(1)));
    }

    @Test
    void unknownLocalNamesTheIndex() {
        assertInvalid("unknown local 2", func(fn(types(I32), types()), types(I64), get(2), DROP));
        assertInvalid("unknown local", func(VOID, types(), i32(0), set(0)));
        assertInvalid("unknown local", func(VOID, types(), i32(0), tee(-1), DROP));
    }

    @Test
    void setAndTeeCheckTheLocalType() {
        assertValid(func(fn(types(), types(I64)), types(I64), i64(1), tee(0)));
        assertInvalid("type mismatch", func(VOID, types(I64), i32(1), set(0)));
        assertInvalid("type mismatch", func(fn(types(), types(I32)), types(I64), i64(1), tee(0)));
        assertInvalid("type mismatch", func(VOID, types(I64), set(0)));
    }

    @Test
    void hugeLocalCountsAreFine() {
        // 2^32-1 locals cost nothing: types are found by binary search over the declared runs.
        var m = module(b -> b.function(VOID, List.of(), List.of(get(-7), DROP, ix(Opcode.LOCAL_GET, 5), DROP)));
        var huge = new flint.wasm.model.WasmModule(m.types(), m.imports(), m.functions(), m.tables(), m.memories(),
                m.tags(), m.globals(), m.exports(), m.start(), m.elements(), m.dataCount(),
                List.of(new flint.wasm.model.FunctionBody(List.of(new LocalGroup(10, I32), new LocalGroup(0xFFFF_FFF0L, F64)),
                        m.codes().getFirst().code(), 0)), m.data(), m.customs());
        assertValid(huge);
        var fv = new FunctionValidator(Validator.validateModule(huge));
        fv.begin(0, huge.codes().getFirst());
        assertEquals(0xFFFF_FFFAL, fv.localCount());
        assertEquals(F64, fv.localType(-7));
        assertEquals(I32, fv.localType(9));
        assertEquals(F64, fv.localType(10));
    }

    @Test
    void nonDefaultableLocalMustBeSetBeforeUse() {
        assertInvalid("uninitialized local", func(VOID, types(REF_EXTERN), get(0), DROP));
        assertValid(func(fn(types(REF_EXTERN), types()), types(REF_EXTERN), get(0), set(1), get(1), DROP));
        // Parameters are always initialized.
        assertValid(func(fn(types(REF_EXTERN), types(REF_EXTERN)), types(), get(0)));
        // Nullable and numeric locals have defaults.
        assertValid(func(VOID, types(EXTERNREF, I32), get(0), DROP, get(1), DROP));
    }

    @Test
    void initializationInsideABlockEndsWithTheBlock() {
        // local_init.wast: uninit-after-end
        assertInvalid("uninitialized local", func(fn(types(REF_EXTERN), types()), types(REF_EXTERN),
                block(), get(0), set(1), get(0), tee(1), DROP, END, get(1), DROP));
        // uninit-in-else
        assertInvalid("uninitialized local", func(fn(types(REF_EXTERN), types()), types(REF_EXTERN),
                i32(0), if_(), get(0), set(1), ELSE, get(1), DROP, END));
        // uninit-from-if: set in both branches still does not count after the if
        assertInvalid("uninitialized local", func(fn(types(REF_EXTERN), types()), types(REF_EXTERN),
                i32(0), if_(), get(0), set(1), ELSE, get(0), set(1), END, get(1), DROP));
        // Inside the block, after the set, it is fine; and a set before the block carries in.
        assertValid(func(fn(types(REF_EXTERN), types()), types(REF_EXTERN),
                get(0), set(1), block(), get(1), DROP, END, get(1), DROP));
        assertValid(func(fn(types(REF_EXTERN), types()), types(REF_EXTERN),
                block(), get(0), set(1), get(1), DROP, END));
    }

    @Test
    void typedFunctionLocalsOfUnknownTypeAreRejected() {
        assertInvalid("unknown type", func(VOID, types(refNull(1))));
    }

    @Test
    void globalsAreTypedAndOnlyMutableOnesCanBeSet() {
        var m = module(b -> {
            b.importGlobal("env", "g", I32, false);
            b.global(I64, true, ConstExpr.of(i64(0)));
            b.function(VOID, List.of(gget(0), DROP, i64(1), gset(1), gget(1), DROP));
        });
        assertValid(m);
        assertInvalid("immutable global", module(b -> {
            b.global(F32, false, ConstExpr.of(f32(0)));
            b.function(VOID, List.of(f32(1), gset(0)));
        }));
        assertInvalid("immutable global", module(b -> {
            b.importGlobal("spectest", "global_i32", I32, false);
            b.function(VOID, List.of(i32(1), gset(0)));
        }));
        assertInvalid("type mismatch", module(b -> {
            b.global(I64, true, ConstExpr.of(i64(0)));
            b.function(VOID, List.of(i32(1), gset(0)));
        }));
        assertInvalid("unknown global", func(fn(types(), types(I32)), gget(0)));
        assertInvalid("unknown global 1", module(b -> {
            b.global(I32, true, ConstExpr.i32(0));
            b.function(VOID, List.of(i32(0), gset(1)));
        }));
    }
}

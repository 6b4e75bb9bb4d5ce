package flint.harness.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.VecType;
import flint.wasm.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    @Test void numbersAndVectorsFitTheirOwnType() {
        assertTrue(Signatures.fits(Value.i32(1), NumType.I32));
        assertFalse(Signatures.fits(Value.i32(1), NumType.I64));
        assertFalse(Signatures.fits(Value.f32(1), NumType.F64));
        assertTrue(Signatures.fits(new Value.V128(0, 0), VecType.V128));
    }

    @Test void referencesFitByHierarchyAndNullability() {
        var nonNullFunc = new RefType(false, AbsHeapType.FUNC);
        var concrete = new RefType(true, new ConcreteHeapType(0));
        var nullFunc = new RefType(true, AbsHeapType.NOFUNC);
        var someFunc = new Value.FuncRef("handle");
        assertTrue(Signatures.fits(someFunc, RefType.FUNCREF));
        assertTrue(Signatures.fits(someFunc, concrete));
        assertTrue(Signatures.fits(someFunc, nonNullFunc));
        assertFalse(Signatures.fits(Value.FuncRef.NULL, nonNullFunc));
        assertTrue(Signatures.fits(Value.FuncRef.NULL, nullFunc));
        assertFalse(Signatures.fits(someFunc, nullFunc), "only null fits a bottom type");
        assertFalse(Signatures.fits(Value.ExternRef.NULL, RefType.FUNCREF));
        assertTrue(Signatures.fits(new Value.ExternRef(1), RefType.EXTERNREF));
        assertTrue(Signatures.fits(Value.ExnRef.NULL, RefType.EXNREF));
    }

    @Test void argumentChecksNameTheProblem() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Signatures.checkArguments("f", List.of(NumType.I32, NumType.I64), List.of(Value.i32(1), Value.i32(2))));
        assertEquals("f argument 1 must be i64, got i32:2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Signatures.checkArguments("f", List.of(NumType.I32), List.of()));
    }

    @Test void resultMismatches() {
        assertNull(Signatures.resultMismatch(List.of(NumType.I32), List.of(Value.i32(1))));
        assertEquals("returned 0 values where 1 is declared", Signatures.resultMismatch(List.of(NumType.I32), List.of()));
        assertEquals("returned null instead of a list", Signatures.resultMismatch(List.of(), null));
    }
}

package flint.wasm.validate;

import static flint.wasm.validate.Wasm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.FuncType;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubtypingTest {
    // 0: [] -> []; 1: [] -> [] (same as 0); 2: [i32] -> []; 3: [(ref 3)] -> [] (self); 4: [(ref 4)] -> [] (self, same as 3);
    // 5: [(ref 0)] -> []; 6: [(ref 1)] -> [] (same as 5 since 0 = 1); 7: [(ref 3)] -> [] (not self: differs from 3)
    private final Subtyping s = new Subtyping(List.<FuncType>of(
            fn(types(), types()), fn(types(), types()), fn(types(I32), types()),
            fn(types(ref(3)), types()), fn(types(ref(4)), types()),
            fn(types(ref(0)), types()), fn(types(ref(1)), types()), fn(types(ref(3)), types())));

    @Test
    void numbersAndVectorsMatchOnlyThemselves() {
        assertTrue(s.matches(I32, I32));
        assertFalse(s.matches(I32, I64));
        assertFalse(s.matches(V128, I32));
        assertFalse(s.matches(FUNCREF, I32));
        assertFalse(s.matches(I32, FUNCREF));
    }

    @Test
    void unknownMatchesEverything() {
        assertTrue(s.matches(null, I32));
        assertTrue(s.matches(null, ref(0)));
    }

    @Test
    void nullability() {
        assertTrue(s.matches(ref(AbsHeapType.FUNC), FUNCREF));
        assertFalse(s.matches(FUNCREF, ref(AbsHeapType.FUNC)));
    }

    @Test
    void abstractHierarchies() {
        assertTrue(s.matches(refNull(AbsHeapType.NOFUNC), FUNCREF));
        assertTrue(s.matches(refNull(AbsHeapType.NOEXTERN), EXTERNREF));
        assertTrue(s.matches(refNull(AbsHeapType.NOEXN), EXNREF));
        assertFalse(s.matches(EXTERNREF, FUNCREF));
        assertFalse(s.matches(FUNCREF, EXTERNREF));
        assertFalse(s.matches(refNull(AbsHeapType.NOFUNC), EXTERNREF));
        assertTrue(Subtyping.absMatches(AbsHeapType.I31, AbsHeapType.EQ));
        assertTrue(Subtyping.absMatches(AbsHeapType.STRUCT, AbsHeapType.ANY));
        assertTrue(Subtyping.absMatches(AbsHeapType.NONE, AbsHeapType.ARRAY));
        assertFalse(Subtyping.absMatches(AbsHeapType.ANY, AbsHeapType.EQ));
        assertFalse(Subtyping.absMatches(AbsHeapType.FUNC, AbsHeapType.ANY));
    }

    @Test
    void concreteFunctionTypes() {
        assertTrue(s.matches(ref(2), FUNCREF));
        assertTrue(s.matches(ref(2), ref(AbsHeapType.FUNC)));
        assertFalse(s.matches(FUNCREF, refNull(2)));
        assertFalse(s.matches(ref(2), EXTERNREF));
        assertTrue(s.matches(refNull(AbsHeapType.NOFUNC), refNull(2)));
        assertFalse(s.matches(refNull(AbsHeapType.NOEXTERN), refNull(2)));
        assertFalse(s.matches(ref(0), ref(2)));
    }

    @Test
    void equivalenceIsStructural() {
        assertTrue(s.equivalent(ref(0), ref(1)));
        assertEquals(s.canonicalId(0), s.canonicalId(1));
        assertEquals(s.canonicalId(3), s.canonicalId(4), "self-references are rec.0 in both");
        assertEquals(s.canonicalId(5), s.canonicalId(6), "refer to equivalent types");
        assertNotEquals(s.canonicalId(3), s.canonicalId(7), "a reference to 3 is not a self-reference");
        assertNotEquals(s.canonicalId(0), s.canonicalId(2));
    }

    @Test
    void bottomReferenceMatchesEveryReferenceButNoNumber() {
        assertTrue(s.matches(Subtyping.BOTTOM_REF, ref(0)));
        assertTrue(s.matches(Subtyping.BOTTOM_REF, ref(AbsHeapType.EXTERN)));
        assertTrue(s.matches(Subtyping.BOTTOM_REF, EXNREF));
        assertFalse(s.matches(Subtyping.BOTTOM_REF, I32));
        assertFalse(s.matches(ref(0), Subtyping.BOTTOM_REF));
    }
}

package flint.harness.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.model.NumType;
import flint.wasm.text.Expected;
import flint.wasm.text.Expected.NanKind;
import flint.wasm.text.VectorShape;
import flint.wasm.value.Value;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultMatcherTest {

    @Test void nanPatternsFollowTheSpec() {
        var canonical = new Expected.Nan(NumType.F32, NanKind.CANONICAL);
        var arithmetic = new Expected.Nan(NumType.F32, NanKind.ARITHMETIC);
        assertTrue(ResultMatcher.matches(canonical, new Value.F32(0x7FC00000)));
        assertTrue(ResultMatcher.matches(canonical, new Value.F32(0xFFC00000)), "either sign");
        assertFalse(ResultMatcher.matches(canonical, new Value.F32(0x7FC00001)), "payload must be canonical");
        assertTrue(ResultMatcher.matches(arithmetic, new Value.F32(0x7FC00001)));
        assertFalse(ResultMatcher.matches(arithmetic, new Value.F32(0x7FA00000)), "signalling NaN is not arithmetic");
        assertFalse(ResultMatcher.matches(arithmetic, new Value.F64(0x7FF8000000000000L)), "wrong type");
        assertTrue(ResultMatcher.matches(new Expected.Nan(NumType.F64, NanKind.ARITHMETIC), new Value.F64(0xFFF8000000000001L)));
    }

    @Test void exactFloatsCompareBits() {
        assertTrue(ResultMatcher.matches(new Expected.Exact(Value.f32(-0.0f)), Value.f32(-0.0f)));
        assertFalse(ResultMatcher.matches(new Expected.Exact(Value.f32(-0.0f)), Value.f32(0.0f)));
        assertFalse(ResultMatcher.matches(new Expected.Exact(new Value.F64(0x7FF8000000000001L)), new Value.F64(0x7FF8000000000002L)));
    }

    @Test void vectorLanesMatchOneByOne() {
        var pattern = new Expected.VectorPattern(VectorShape.F32X4, List.of(
                new Expected.Lane.NanLane(NanKind.CANONICAL), new Expected.Lane.Bits(0x3F800000L),
                new Expected.Lane.Bits(0), new Expected.Lane.NanLane(NanKind.ARITHMETIC)));
        long low = 0x3F800000_7FC00000L;
        long high = 0x7FC00001_00000000L;
        assertTrue(ResultMatcher.matches(pattern, new Value.V128(low, high)));
        assertFalse(ResultMatcher.matches(pattern, new Value.V128(low, 0x7F800000_00000000L)), "infinity is no NaN");
    }

    @Test void referencesAndAlternatives() {
        assertTrue(ResultMatcher.matches(new Expected.RefNull(Optional.empty()), Value.FuncRef.NULL));
        assertFalse(ResultMatcher.matches(new Expected.RefNull(Optional.empty()), new Value.FuncRef("f")));
        assertTrue(ResultMatcher.matches(new Expected.RefExtern(3), new Value.ExternRef(3L)));
        assertFalse(ResultMatcher.matches(new Expected.RefExtern(3), new Value.ExternRef(4L)));
        var either = new Expected.Either(List.of(new Expected.Exact(Value.i32(1)), new Expected.Exact(Value.i32(2))));
        assertTrue(ResultMatcher.matches(either, Value.i32(2)));
        assertFalse(ResultMatcher.matches(either, Value.i32(3)));
        assertNull(ResultMatcher.mismatch(List.of(either), List.of(Value.i32(1))));
    }
}

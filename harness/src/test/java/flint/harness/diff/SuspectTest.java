package flint.harness.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What third opinions suggest about a finding: who is likely wrong. */
class SuspectTest {

    private static Finding finding(String kind, Finding.ThirdOpinion... opinions) {
        return new Finding(Finding.FORMAT, "b", "s", kind, "", "", 0, Map.of(), List.of("chicory", "flint"), List.of(), 1,
                Map.of(), List.of(opinions), "", Map.of(), null);
    }

    private static Finding.ThirdOpinion says(String engine, String side) {
        return new Finding.ThirdOpinion(engine, "", side);
    }

    @Test
    void unanimousOutsideEnginesNameTheSuspect() {
        assertEquals("the reference", finding("value", says("v8-liftoff", "flint"), says("v8-turbofan", "flint"),
                says("chicory-compiler", "unavailable")).suspect());
        assertEquals("the engine under test", finding("trap-kind", says("v8-liftoff", "chicory"),
                says("chicory-compiler", "chicory")).suspect());
    }

    @Test
    void v8DecidesOverChicorysCompilerWhichSharesTheInterpretersRuntime() {
        assertEquals("the reference", finding("trap-kind", says("chicory-compiler", "chicory"), says("v8-liftoff", "flint"),
                says("v8-turbofan", "flint")).suspect());
    }

    @Test
    void splitOrSilentOpinionsLeaveItOpen() {
        assertEquals("undecided", finding("value", says("v8-liftoff", "flint"), says("v8-turbofan", "chicory")).suspect());
        assertEquals("undecided", finding("value", says("v8-liftoff", "unavailable")).suspect());
        assertEquals("undecided", finding("hang", says("v8-liftoff", "flint")).suspect(), "V8 cannot judge a hang");
    }

    /** Through the findings' recorded states V8 judges memory, memory size, globals and tables too. */
    @Test
    void v8JudgesStateKinds() {
        for (var kind : List.of("memory", "memory-size", "global", "table")) {
            assertEquals("the reference", finding(kind, says("v8-liftoff", "flint"), says("v8-turbofan", "flint"),
                    says("chicory-compiler", "chicory")).suspect(), kind);
            assertEquals("the engine under test", finding(kind, says("v8-liftoff", "chicory"), says("v8-turbofan", "both")).suspect(), kind);
            assertEquals("undecided", finding(kind, says("v8-liftoff", "neither"), says("v8-turbofan", "chicory")).suspect(), kind);
        }
    }

    /** The state is Chicory's runtime, which its compiler shares: alone it does not decide a state kind. */
    @Test
    void chicorysCompilerAloneDoesNotDecideStateKinds() {
        assertEquals("undecided", finding("memory", says("chicory-compiler", "chicory"), says("v8-liftoff", "unavailable")).suspect());
        assertEquals("the engine under test", finding("value", says("chicory-compiler", "chicory"), says("v8-liftoff", "unavailable")).suspect());
    }

    @Test
    void v8ThatCannotTellTheEnginesApartLeavesItUndecided() {
        assertEquals("undecided", finding("trap-kind", says("chicory-compiler", "chicory"), says("v8-liftoff", "both"),
                says("v8-turbofan", "both")).suspect());
    }

    @Test
    void arithmeticNaNsOfOneTypeAreTheSameResultButASignallingNaNIsNot() {
        assertTrue(ThirdOpinions.sameUpToArithmeticNaNs("returned [f32:-nan:0x400000, i32:1]", "returned [f32:nan:0x600000, i32:1]"));
        assertTrue(ThirdOpinions.sameUpToArithmeticNaNs("returned [f64:nan]", "returned [f64:-nan:0xc000000000000]"));
        assertFalse(ThirdOpinions.sameUpToArithmeticNaNs("returned [f32:-nan:0x400000]", "returned [f32:nan:0x200000]"));
        assertFalse(ThirdOpinions.sameUpToArithmeticNaNs("returned [f32:nan]", "returned [f64:nan]"));
        assertFalse(ThirdOpinions.sameUpToArithmeticNaNs("returned [f32:nan, i32:1]", "returned [f32:nan, i32:2]"));
        // V8's f32 results pass through a JavaScript double, which quiets a signalling NaN
        assertTrue(ThirdOpinions.sameUpToArithmeticNaNs("returned [f32:nan:0x4ced9b]", "returned [f32:nan:0xced9b]"));
        assertFalse(ThirdOpinions.sameUpToArithmeticNaNs("returned [f32:nan:0x4ced9b]", "returned [f32:nan:0xced9a]"));
    }
}

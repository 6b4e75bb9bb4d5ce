package flint.harness.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What third opinions suggest about a finding: who is likely wrong. */
class SuspectTest {

    private static Finding finding(String kind, Finding.ThirdOpinion... opinions) {
        return new Finding(Finding.FORMAT, "b", "s", kind, "", "", 0, Map.of(), List.of("chicory", "flint"), List.of(), 1,
                Map.of(), List.of(opinions), "", null);
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
        assertEquals("undecided", finding("memory", says("v8-liftoff", "flint")).suspect(), "V8 cannot judge memory");
    }
}

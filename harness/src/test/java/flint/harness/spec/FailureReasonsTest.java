package flint.harness.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FailureReasonsTest {

    @Test void nativeRejectionsCollapseToTheirFeatureClass() {
        var a = FailureReasons.of("engine failure: compilation failed: f32 values are not supported by the native compiler yet (floating point; function 3, result 0)");
        var b = FailureReasons.of("its module failed: engine failure 'compilation failed: f64.add is not supported by the native compiler yet (floating point; function 9, at offset 0x2a)'");
        assertEquals("the native compiler does not support floating point yet", a);
        assertEquals(a, b);
        assertEquals("the native runtime does not support tables yet",
                FailureReasons.of("engine failure: not supported by flint yet: tables are not supported by the native runtime yet"));
    }

    @Test void wrongResultsKeepTheirValuesAndLocationsGo() {
        assertEquals("result 0: expected i32:1, got i32:2", FailureReasons.of("result 0: expected i32:1, got i32:2"));
        assertEquals("its module failed: malformed 'x N'", FailureReasons.of("the module failed to instantiate: malformed 'x 12'"));
        assertEquals("Flint's front end does not support GC types yet",
                FailureReasons.of("not supported by Flint's front end yet: GC types not supported yet (rec ...) at a.wast:3:4"));
    }
}

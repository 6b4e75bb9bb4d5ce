package flint.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Statistics, ratios, targets and the three report formats, on made-up results. */
class BenchReportsTest {

    private static Outcome.Measured measured(double compile, double... exec) {
        return new Outcome.Measured(java.util.Arrays.stream(exec).mapToObj(e -> new Sample(compile, compile + e, e, 42)).toList());
    }

    static BenchResults results() {
        var outcomes = new LinkedHashMap<BenchResults.Key, Outcome>();
        outcomes.put(new BenchResults.Key("a", "flint", Workload.FULL), measured(10, 100, 110, 90));
        outcomes.put(new BenchResults.Key("a", "flint", Workload.SMALL), measured(10, 10));
        outcomes.put(new BenchResults.Key("a", "v8-liftoff", Workload.FULL), measured(5, 200));
        outcomes.put(new BenchResults.Key("a", "chicory", Workload.SMALL), measured(20, 1000));
        outcomes.put(new BenchResults.Key("large", "flint", Workload.FULL), measured(100, 8));
        outcomes.put(new BenchResults.Key("large", "v8-liftoff", Workload.FULL), measured(50, 2));
        outcomes.put(new BenchResults.Key("fp", "flint", Workload.FULL), new Outcome.Unavailable(true, "f64.add not supported"));
        outcomes.put(new BenchResults.Key("fp", "v8-liftoff", Workload.FULL), measured(5, 50));
        return new BenchResults("2026-01-01", new Machine("Test CPU", 2, "Linux", "25"),
                new BenchResults.Settings(3, 1, 1), List.of("a", "large", "fp"), List.of("flint", "chicory", "v8-liftoff"),
                Map.of(), Map.of("a", 1000, "large", 300_000, "fp", 500), outcomes);
    }

    @Test
    void mediansAndGeomeans() {
        assertEquals(2.0, Stats.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Stats.median(new double[] {4, 1, 2, 3}));
        assertEquals(4.0, Stats.geomean(new double[] {2, 8}), 1e-12);
    }

    @Test
    void ratiosAreTakenOnAWorkloadBothEnginesRan() {
        var r = results();
        assertEquals(2.0, r.execRatio("a", "v8-liftoff").getAsDouble(), 1e-12); // full: 200 / 100
        assertEquals(100.0, r.execRatio("a", "chicory").getAsDouble(), 1e-12); // small: 1000 / 10
        assertTrue(r.execRatio("fp", "v8-liftoff").isEmpty(), "flint has no figure for fp");
        assertEquals(0.5, r.throughputMBps("v8-liftoff").getAsDouble() / r.throughputMBps("flint").getAsDouble() / 4, 1e-12);
    }

    @Test
    void targetsAreChecked() {
        var checks = Targets.check(results());
        // Liftoff takes geomean(200/100, 2/8) = 0.71 of Flint's time: Flint is slower, missed
        assertEquals(Targets.Verdict.MISSED, checks.get(0).verdict(), checks.get(0).toString());
        // the interpreter takes 100 times Flint's time on the small workload: met
        assertEquals(Targets.Verdict.MET, checks.get(1).verdict(), checks.get(1).toString());
        // 300 KB in 100 ms against 50 ms: missed
        assertEquals(Targets.Verdict.MISSED, checks.get(2).verdict(), checks.get(2).toString());
    }

    @Test
    void reportsSayNotSupportedAndKeepGoing() {
        var r = results();
        var md = MarkdownSummary.write(r);
        assertTrue(md.contains("| fp | n/a (not supported) |"), md);
        assertTrue(md.contains("1000* (100×)"), md);
        var svg = SvgChart.write(r);
        assertTrue(svg.startsWith("<svg") && svg.strip().endsWith("</svg>"), svg);
        var json = JsonResults.write(r);
        var parsed = (Map<?, ?>) Json.parse(json);
        assertEquals("2026-01-01", parsed.get("date"));
    }

    @Test
    void jsonRoundTrips() {
        var value = Json.parse("{\"a\": [1, 2.5, -3e2], \"b\": \"x\\\"y\\u0041\", \"c\": null, \"d\": true}");
        assertEquals(Map.of("a", List.of(1.0, 2.5, -300.0), "b", "x\"yA", "d", true), withoutNulls((Map<?, ?>) value));
        assertEquals(value, Json.parse(Json.write(value)));
    }

    private static Map<?, ?> withoutNulls(Map<?, ?> map) {
        var copy = new LinkedHashMap<Object, Object>();
        map.forEach((k, v) -> { if (v != null) copy.put(k, v); });
        return copy;
    }
}

package flint.harness.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code results.json}: every sample of a run, for other tools and for comparing runs. */
final class JsonResults {
    private JsonResults() {}

    static String write(BenchResults r) {
        var root = new LinkedHashMap<String, Object>();
        root.put("date", r.date());
        var m = r.machine();
        root.put("machine", map("cpu", m.cpu(), "cores", m.cores(), "os", m.os(), "java", m.java()));
        var s = r.settings();
        root.put("settings", map("repetitions", s.repetitions(), "slowRepetitions", s.slowRepetitions(), "warmup", s.warmup()));
        root.put("engines", new LinkedHashMap<>(r.engineDescriptions()));
        var programs = new LinkedHashMap<String, Object>();
        for (var p : r.programs()) {
            var program = new LinkedHashMap<String, Object>();
            program.put("codeBytes", r.codeBytes().get(p));
            for (var e : r.engines()) {
                var engine = new LinkedHashMap<String, Object>();
                for (var w : Workload.values()) {
                    switch (r.outcome(p, e, w)) {
                        case Outcome.Skipped skipped -> { }
                        case Outcome.Unavailable u -> engine.put(w.export(),
                                map("unavailable", u.notSupported() ? "not supported" : "failed", "reason", u.reason()));
                        case Outcome.Measured measured -> {
                            var samples = measured.samples();
                            var entry = new LinkedHashMap<String, Object>();
                            entry.put("checksum", measured.checksum());
                            entry.put("compileMsMedian", measured.compileMs());
                            entry.put("firstRunMsMedian", measured.firstRunMs());
                            entry.put("execMsMedian", measured.execMs());
                            entry.put("compileMs", column(samples, Sample::compileMs));
                            entry.put("firstRunMs", column(samples, Sample::firstRunMs));
                            entry.put("execMs", column(samples, Sample::execMs));
                            engine.put(w.export(), entry);
                        }
                    }
                }
                var ratio = r.execRatio(p, e);
                if (ratio.isPresent() && !e.equals(BenchEngines.FLINT)) engine.put("execRatioToFlint", ratio.getAsDouble());
                program.put(e, engine);
            }
            programs.put(p, program);
        }
        root.put("programs", programs);
        var summary = new LinkedHashMap<String, Object>();
        for (var e : r.engines()) {
            var g = r.execGeomean(e);
            var t = r.throughputMBps(e);
            summary.put(e, map("execGeomeanRatioToFlint", g.value(), "programs", g.programs(),
                    "compileThroughputMBps", t.isPresent() ? t.getAsDouble() : null));
        }
        root.put("summary", summary);
        var targets = new ArrayList<Object>();
        for (var c : Targets.check(r)) targets.add(map("target", c.target(), "measured", c.measured(), "verdict", c.verdict().name().toLowerCase()));
        root.put("targets", targets);
        return Json.write(root);
    }

    private static List<Double> column(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
        return samples.stream().map(x -> f.applyAsDouble(x)).toList();
    }

    private static Map<String, Object> map(Object... keyValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) map.put((String) keyValues[i], keyValues[i + 1]);
        return map;
    }
}

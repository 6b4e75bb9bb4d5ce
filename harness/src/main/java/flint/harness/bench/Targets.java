package flint.harness.bench;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The targets, checked against a run: Flint's execution time at most V8 Liftoff's
 * (geometric mean), at least 50 times faster than the Chicory interpreter (geometric mean), and a
 * compile throughput on the large program at least V8 Liftoff's.
 */
public final class Targets {
    private Targets() {}

    public static final String LIFTOFF = "v8-liftoff";
    public static final String INTERPRETER = "chicory";

    /** A target's verdict: met, missed, or not measured in this run. */
    public enum Verdict { MET, MISSED, UNMEASURED }

    public record Check(String target, String measured, Verdict verdict) {}

    public static List<Check> check(BenchResults results) {
        return List.of(
                ratioAtLeast(results, LIFTOFF, 1.0, "execution time ≤ 1.0× V8 Liftoff (geomean)"),
                ratioAtLeast(results, INTERPRETER, 50.0, "execution ≥ 50× faster than the Chicory interpreter (geomean)"),
                throughput(results));
    }

    private static Check ratioAtLeast(BenchResults results, String engine, double least, String target) {
        if (!results.engines().contains(engine)) return new Check(target, "not run", Verdict.UNMEASURED);
        var g = results.execGeomean(engine);
        if (g.programs() == 0) return new Check(target, "no common program", Verdict.UNMEASURED);
        var measured = String.format(Locale.ROOT, "%s is %.2f× Flint's time over %d programs", engine, g.value(), g.programs());
        return new Check(target, measured, g.value() >= least ? Verdict.MET : Verdict.MISSED);
    }

    private static Check throughput(BenchResults results) {
        var target = "compile throughput ≥ V8 Liftoff's on the large program";
        OptionalDouble flint = results.throughputMBps(BenchEngines.FLINT);
        OptionalDouble liftoff = results.throughputMBps(LIFTOFF);
        if (flint.isEmpty() || liftoff.isEmpty()) return new Check(target, "not measured", Verdict.UNMEASURED);
        var measured = String.format(Locale.ROOT, "Flint %.2f MB/s, Liftoff %.2f MB/s", flint.getAsDouble(), liftoff.getAsDouble());
        return new Check(target, measured, flint.getAsDouble() >= liftoff.getAsDouble() ? Verdict.MET : Verdict.MISSED);
    }
}

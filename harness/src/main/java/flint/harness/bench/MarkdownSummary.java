package flint.harness.bench;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** {@code summary.md}: the tables a reader wants first, ratios against Flint. */
final class MarkdownSummary {
    private MarkdownSummary() {}

    static String write(BenchResults r) {
        var out = new StringBuilder();
        out.append("# Benchmarks (").append(r.date()).append(")\n\n");
        out.append("Machine: ").append(r.machine()).append(".  \n");
        var s = r.settings();
        out.append(String.format(Locale.ROOT, "Medians of %d repetitions (%d for engines run only on the small workload), %d warm-up call%s; engines alternate.%n%n",
                s.repetitions(), s.slowRepetitions(), s.warmup(), s.warmup() == 1 ? "" : "s"));
        out.append("Engines:\n\n");
        r.engineDescriptions().forEach((name, d) -> out.append("- `").append(name).append("`: ").append(d).append('\n'));
        out.append('\n');

        out.append("## Execution time\n\n");
        out.append("Median time of one call of `run` after warm-up; in brackets, the engine's time divided by Flint's ")
                .append("(above 1×: Flint is faster). `*`: measured on `run_small` (engines too slow for `run`), ")
                .append("and so is the ratio.\n\n");
        table(out, r, true);
        out.append("\n![execution time relative to Flint](chart.svg)\n\n");

        out.append("## Compile time\n\n");
        out.append("Median time from module bytes to ready-to-run code (Flint: decode, validate, compile, load; ")
                .append("Chicory: parse and instantiate; V8: `WebAssembly.compile`, single-threaded, not lazy), ms; ")
                .append("in brackets, divided by Flint's.\n\n");
        compileTable(out, r);
        out.append('\n');
        var large = r.codeBytes().get(BenchProgram.LARGE);
        if (large != null) {
            out.append(String.format(Locale.ROOT, "Compile throughput on `%s` (%d KB of code, one thread):%n%n", BenchProgram.LARGE, large / 1000));
            for (var e : r.engines()) {
                var t = r.throughputMBps(e);
                out.append("- `").append(e).append("`: ")
                        .append(t.isPresent() ? String.format(Locale.ROOT, "%.2f MB/s", t.getAsDouble()) : "n/a").append('\n');
            }
            out.append('\n');
        }

        out.append("## First-run time\n\n");
        out.append("Median time from module bytes to the first result of `run` (compile, instantiate, one call), ms.\n\n");
        table(out, r, false);
        out.append('\n');

        out.append("## Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        for (var c : Targets.check(r)) {
            out.append("| ").append(c.target()).append(" | ").append(c.measured()).append(" | ")
                    .append(switch (c.verdict()) {
                        case MET -> "met";
                        case MISSED -> "**missed**";
                        case UNMEASURED -> "not measured";
                    }).append(" |\n");
        }
        out.append('\n');

        out.append("## Checksums\n\n");
        boolean agree = true;
        for (var p : r.programs()) {
            for (var w : Workload.values()) {
                var sums = r.checksums(p, w);
                if (sums.size() > 1) {
                    agree = false;
                    out.append("- **").append(p).append(" (").append(w.export()).append(")**: engines disagree: ").append(sums).append('\n');
                }
            }
        }
        if (agree) out.append("Every engine that ran a program returned the same checksum.\n");
        return out.toString();
    }

    /** Execution (exec = true) or first-run times, with ratios. */
    private static void table(StringBuilder out, BenchResults r, boolean exec) {
        header(out, r);
        ToDoubleFunction<Outcome.Measured> time = exec ? Outcome.Measured::execMs : Outcome.Measured::firstRunMs;
        for (var p : r.programs()) {
            out.append("| ").append(p);
            for (var e : r.engines()) {
                out.append(" | ").append(cell(r, p, e, time));
            }
            out.append(" |\n");
        }
        if (exec) {
            out.append("| **geomean ratio**");
            for (var e : r.engines()) {
                if (e.equals(BenchEngines.FLINT)) { out.append(" | 1×"); continue; }
                var g = r.execGeomean(e);
                out.append(" | ").append(g.programs() == 0 ? "–" : String.format(Locale.ROOT, "%s× (%d)", fmt(g.value()), g.programs()));
            }
            out.append(" |\n");
        }
    }

    private static void compileTable(StringBuilder out, BenchResults r) {
        header(out, r);
        for (var p : r.programs()) {
            out.append("| ").append(p);
            for (var e : r.engines()) {
                out.append(" | ").append(cell(r, p, e, Outcome.Measured::compileMs));
            }
            out.append(" |\n");
        }
    }

    private static void header(StringBuilder out, BenchResults r) {
        out.append("| program |");
        r.engines().forEach(e -> out.append(' ').append(e).append(" |"));
        out.append("\n|---|");
        r.engines().forEach(e -> out.append("---:|"));
        out.append('\n');
    }

    private static String cell(BenchResults r, String program, String engine, ToDoubleFunction<Outcome.Measured> time) {
        var workload = engineWorkload(r, program, engine);
        var outcome = r.outcome(program, engine, workload);
        return switch (outcome) {
            case Outcome.Unavailable u -> u.label();
            case Outcome.Skipped s -> "–";
            case Outcome.Measured m -> {
                var star = workload == Workload.SMALL ? "*" : "";
                var text = fmt(time.applyAsDouble(m)) + star;
                if (engine.equals(BenchEngines.FLINT)) yield text;
                var flint = r.measured(program, BenchEngines.FLINT, workload);
                yield flint.map(f -> text + " (" + fmt(time.applyAsDouble(m) / time.applyAsDouble(f)) + "×)").orElse(text);
            }
        };
    }

    /** The workload shown for an engine: the full one unless it only ran the small one. */
    private static Workload engineWorkload(BenchResults r, String program, String engine) {
        return r.outcome(program, engine, Workload.FULL) instanceof Outcome.Skipped ? Workload.SMALL : Workload.FULL;
    }

    /** Three significant digits, no exponent. */
    static String fmt(double v) {
        if (Double.isNaN(v)) return "–";
        if (v >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (v >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (v >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }
}

package flint.harness.bench;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every program on every engine, alternating: each repetition takes one sample of each
 * (program, engine, workload), with the engine order rotated from one repetition to the next, so
 * that a slow phase of a shared machine spreads over all engines instead of hitting one.
 *
 * <p>Engines measured only on the small workload (the interpreter, ~100 times slower) take
 * {@code slowRepetitions} samples; the others {@code repetitions}. An engine that cannot run a
 * program is asked once and then left out for that program: its outcome says why.
 */
public final class BenchRunner {

    private final List<BenchEngine> engines;
    private final List<BenchProgram> programs;
    private final BenchResults.Settings settings;
    private final PrintWriter progress;

    public BenchRunner(List<BenchEngine> engines, List<BenchProgram> programs, BenchResults.Settings settings, PrintWriter progress) {
        this.engines = List.copyOf(engines);
        this.programs = List.copyOf(programs);
        this.settings = settings;
        this.progress = progress;
    }

    public BenchResults run() {
        var samples = new LinkedHashMap<BenchResults.Key, List<Sample>>();
        var unavailable = new HashMap<BenchResults.Key, Outcome.Unavailable>();
        int rounds = Math.max(settings.repetitions(), settings.slowRepetitions());
        for (int rep = 0; rep < rounds; rep++) {
            for (var program : programs) {
                for (int e = 0; e < engines.size(); e++) {
                    var engine = engines.get((e + rep) % engines.size());
                    if (rep >= repetitionsOf(engine)) continue;
                    for (var workload : Workload.values()) {
                        if (!engine.workloads().contains(workload)) continue;
                        var key = new BenchResults.Key(program.name(), engine.name(), workload);
                        if (unavailable.containsKey(key)) continue;
                        try {
                            var sample = engine.sample(program, workload, settings.warmup());
                            samples.computeIfAbsent(key, k -> new ArrayList<>()).add(sample);
                            log(rep, key, String.format(Locale.ROOT, "compile %.1f ms, first run %.1f ms, run %.1f ms, checksum %d",
                                    sample.compileMs(), sample.firstRunMs(), sample.execMs(), sample.checksum()));
                        } catch (BenchFailure f) {
                            var outcome = new Outcome.Unavailable(f.notSupported(), oneLine(f.getMessage()));
                            unavailable.put(key, outcome);
                            log(rep, key, outcome.label() + ": " + outcome.reason());
                        }
                    }
                }
            }
        }
        return results(samples, unavailable);
    }

    private int repetitionsOf(BenchEngine engine) {
        return engine.workloads().contains(Workload.FULL) ? settings.repetitions() : settings.slowRepetitions();
    }

    private BenchResults results(Map<BenchResults.Key, List<Sample>> samples, Map<BenchResults.Key, Outcome.Unavailable> unavailable) {
        var outcomes = new LinkedHashMap<BenchResults.Key, Outcome>();
        for (var program : programs) {
            for (var engine : engines) {
                for (var workload : Workload.values()) {
                    var key = new BenchResults.Key(program.name(), engine.name(), workload);
                    if (unavailable.containsKey(key)) outcomes.put(key, unavailable.get(key));
                    else if (samples.containsKey(key)) outcomes.put(key, new Outcome.Measured(samples.get(key)));
                }
            }
        }
        var descriptions = new LinkedHashMap<String, String>();
        engines.forEach(e -> descriptions.put(e.name(), e.describe()));
        var codeBytes = new LinkedHashMap<String, Integer>();
        programs.forEach(p -> codeBytes.put(p.name(), p.codeBytes()));
        return new BenchResults(LocalDate.now().toString(), Machine.current(), settings,
                programs.stream().map(BenchProgram::name).toList(), engines.stream().map(BenchEngine::name).toList(),
                descriptions, codeBytes, outcomes);
    }

    private void log(int rep, BenchResults.Key key, String what) {
        if (progress == null) return;
        progress.printf(Locale.ROOT, "[%d] %-11s %-17s %-5s %s%n", rep + 1, key.program(), key.engine(), key.workload().label(), what);
        progress.flush();
    }

    private static String oneLine(String message) {
        if (message == null) return "(no message)";
        var line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}

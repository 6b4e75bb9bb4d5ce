package flint.harness.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code flint bench} run measured: per program, engine and workload an
 * {@link Outcome}, with the settings and the machine, so reports can be made from it alone.
 */
public record BenchResults(
        String date,
        Machine machine,
        Settings settings,
        List<String> programs,
        List<String> engines,
        Map<String, String> engineDescriptions,
        Map<String, Integer> codeBytes,
        Map<Key, Outcome> outcomes) {

    /** How the run was made. */
    public record Settings(int repetitions, int slowRepetitions, int warmup) {}

    public record Key(String program, String engine, Workload workload) {}

    public BenchResults {
        programs = List.copyOf(programs);
        engines = List.copyOf(engines);
        engineDescriptions = new LinkedHashMap<>(engineDescriptions);
        codeBytes = new LinkedHashMap<>(codeBytes);
        outcomes = new LinkedHashMap<>(outcomes);
    }

    public Outcome outcome(String program, String engine, Workload workload) {
        return outcomes.getOrDefault(new Key(program, engine, workload), new Outcome.Skipped());
    }

    /** The measurement, if this engine produced one for this program and workload. */
    public java.util.Optional<Outcome.Measured> measured(String program, String engine, Workload workload) {
        return outcome(program, engine, workload) instanceof Outcome.Measured m
                ? java.util.Optional.of(m) : java.util.Optional.empty();
    }

    /**
     * The workload on which {@code engine} is compared with Flint for {@code program}: the full one
     * when both have it, else the small one when both have that.
     */
    public java.util.Optional<Workload> comparableWorkload(String program, String engine) {
        for (var w : Workload.values()) {
            if (measured(program, engine, w).isPresent() && measured(program, BenchEngines.FLINT, w).isPresent()) {
                return java.util.Optional.of(w);
            }
        }
        return java.util.Optional.empty();
    }

    /** Execution-time ratio engine / Flint (above 1: Flint is faster), if both were measured. */
    public java.util.OptionalDouble execRatio(String program, String engine) {
        return comparableWorkload(program, engine)
                .map(w -> java.util.OptionalDouble.of(measured(program, engine, w).orElseThrow().execMs()
                        / measured(program, BenchEngines.FLINT, w).orElseThrow().execMs()))
                .orElse(java.util.OptionalDouble.empty());
    }

    /** Geometric mean of {@link #execRatio} over the programs where it exists, and how many. */
    public Geomean execGeomean(String engine) {
        var ratios = programs.stream().map(p -> execRatio(p, engine))
                .filter(java.util.OptionalDouble::isPresent).mapToDouble(java.util.OptionalDouble::getAsDouble).toArray();
        return new Geomean(Stats.geomean(ratios), ratios.length);
    }

    public record Geomean(double value, int programs) {}

    /**
     * The distinct checksums of every sample of every engine for a program and workload: one when
     * they all agree (an engine that changes its answer between samples disagrees with itself).
     */
    public List<Integer> checksums(String program, Workload workload) {
        return engines.stream().map(e -> measured(program, e, workload))
                .flatMap(java.util.Optional::stream)
                .flatMap(m -> m.samples().stream())
                .map(Sample::checksum)
                .distinct().toList();
    }

    /** Compile throughput in MB (10^6 bytes) of code per second on the large program, if measured. */
    public java.util.OptionalDouble throughputMBps(String engine) {
        var bytes = codeBytes.get(BenchProgram.LARGE);
        if (bytes == null) return java.util.OptionalDouble.empty();
        for (var w : Workload.values()) {
            var m = measured(BenchProgram.LARGE, engine, w);
            if (m.isPresent()) return java.util.OptionalDouble.of(bytes / 1e6 / (m.get().compileMs() / 1e3));
        }
        return java.util.OptionalDouble.empty();
    }
}

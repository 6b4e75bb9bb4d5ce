package flint.harness.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The engines {@code flint bench} knows, by name, in report order (Flint first: ratios are against it). */
public final class BenchEngines {
    private BenchEngines() {}

    public static final String FLINT = "flint";

    private record Entry(String name, Supplier<Optional<? extends BenchEngine>> factory) {}

    private static final List<Entry> ENTRIES = List.of(
            new Entry(FLINT, () -> Optional.of(JvmBenchEngine.flint())),
            new Entry("chicory", () -> Optional.of(JvmBenchEngine.chicory())),
            new Entry("chicory-compiler", () -> Optional.of(JvmBenchEngine.chicoryCompiler())),
            new Entry(V8BenchEngine.Tier.LIFTOFF.engineName, () -> V8BenchEngine.create(V8BenchEngine.Tier.LIFTOFF)),
            new Entry(V8BenchEngine.Tier.TURBOFAN.engineName, () -> V8BenchEngine.create(V8BenchEngine.Tier.TURBOFAN)));

    public static List<String> names() {
        return ENTRIES.stream().map(Entry::name).toList();
    }

    /**
     * The engines named (all if {@code names} is empty), in report order. {@code missing} receives
     * the names of engines that cannot run here (V8 without Node.js).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static List<BenchEngine> create(List<String> names, List<String> missing) {
        for (var name : names) {
            if (!names().contains(name)) {
                throw new IllegalArgumentException("unknown engine '" + name + "'; known: " + String.join(", ", names()));
            }
        }
        var engines = new ArrayList<BenchEngine>();
        for (var entry : ENTRIES) {
            if (!names.isEmpty() && !names.contains(entry.name())) continue;
            entry.factory().get().ifPresentOrElse(engines::add, () -> missing.add(entry.name()));
        }
        return engines;
    }
}

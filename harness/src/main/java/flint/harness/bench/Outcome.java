package flint.harness.bench;

import java.util.List;

/** What one engine made of one program and workload over the whole run. */
public sealed interface Outcome {

    /** Samples were taken (at least one). */
    record Measured(List<Sample> samples) implements Outcome {
        public Measured {
            samples = List.copyOf(samples);
        }

        public double compileMs() {
            return Stats.median(samples.stream().mapToDouble(Sample::compileMs).toArray());
        }

        public double firstRunMs() {
            return Stats.median(samples.stream().mapToDouble(Sample::firstRunMs).toArray());
        }

        public double execMs() {
            return Stats.median(samples.stream().mapToDouble(Sample::execMs).toArray());
        }

        /** The checksum, or null if the samples disagree among themselves. */
        public Integer checksum() {
            var distinct = samples.stream().map(Sample::checksum).distinct().toList();
            return distinct.size() == 1 ? distinct.getFirst() : null;
        }
    }

    /**
     * No figure: the engine does not support something the program uses (Flint before floating
     * point), or it failed; {@code reason} says what it said.
     */
    record Unavailable(boolean notSupported, String reason) implements Outcome {
        public String label() {
            return notSupported ? "n/a (not supported)" : "n/a (failed)";
        }
    }

    /** The engine was not asked for this workload (the interpreter runs only the small one). */
    record Skipped() implements Outcome {}
}

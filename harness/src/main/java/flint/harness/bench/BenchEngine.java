package flint.harness.bench;

import java.util.Set;

/**
 * An engine as the benchmark sees it: something that can take one {@link Sample} of a program.
 * The JVM engines run in this process; V8 runs in a Node.js child process.
 */
public sealed interface BenchEngine extends AutoCloseable permits JvmBenchEngine, V8BenchEngine {

    /** The name in reports and on the command line. */
    String name();

    /** The workloads this engine is measured on. */
    Set<Workload> workloads();

    /**
     * Compiles {@code program} afresh (timed), runs it once on a fresh instance (timed from the
     * bytes: the first-run time), and times one call of the workload's export after warm-up.
     * {@code warmup} calls precede the timed one the first time a program is seen (an engine that
     * keeps state between samples, like the JVM's JIT, keeps its warm instance).
     */
    Sample sample(BenchProgram program, Workload workload, int warmup) throws BenchFailure;

    /** A one-line description (versions, flags) for the report. */
    String describe();

    @Override default void close() {}
}

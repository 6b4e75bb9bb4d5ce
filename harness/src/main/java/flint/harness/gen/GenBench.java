package flint.harness.gen;

import flint.harness.engine.chicory.ChicoryEngine;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures generation speed (modules/s and bytes/s at the given configuration) against what the
 * generated modules cost to execute on the reference engine (instantiate, then call every export
 * once with edge-biased arguments). Generation must stay far cheaper than execution, or the
 * generator, not the engines, would bound a fuzzing campaign.
 */
public final class GenBench {

    public record Result(double modulesPerSecond, double bytesPerSecond, double executedModulesPerSecond,
                         ExportRunner.Outcome outcome, int executedModules) {
        public double ratio() {
            return modulesPerSecond / executedModulesPerSecond;
        }
    }

    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * Both phases are timed in CPU time of their thread, not wall time: the figures then hold on a
     * loaded machine too, where the two phases would otherwise see different contention.
     */
    public static Result run(GenConfig config, double seconds, PrintWriter out) {
        // Warm up the JIT on both sides so the figures describe a running campaign.
        for (long s = 0; s < 300; s++) ModuleGenerator.generate(1_000_000 + s, config);
        long nanos = (long) (seconds * 1e9);
        long start = cpuNanos(), bytes = 0;
        int modules = 0;
        while (cpuNanos() - start < nanos) {
            for (int i = 0; i < 10; i++) {
                bytes += ModuleGenerator.generate(modules, config).size();
                modules++;
            }
        }
        double genSeconds = (cpuNanos() - start) / 1e9;
        double genRate = modules / genSeconds, byteRate = bytes / genSeconds;
        out.printf("generation: %d modules in %.2f s CPU: %.0f modules/s, %.2f MB/s (%d bytes/module average)%n",
                modules, genSeconds, genRate, byteRate / 1e6, bytes / Math.max(1, modules));
        out.flush();

        if (!ModuleCheck.engineSupports(config)) {
            out.println("execution: skipped (the reference engine does not run SIMD)");
            return new Result(genRate, byteRate, Double.NaN, new ExportRunner.Outcome(0, 0, 0, 0), 0);
        }
        var engine = new ChicoryEngine();
        var result = new AtomicReference<Result>();
        // Deep (fuel-bounded) recursion needs more than the default thread stack in an interpreter.
        var thread = new Thread(null, () -> {
            for (long s = 0; s < 20; s++) ExportRunner.run(engine, ModuleGenerator.generate(2_000_000 + s, config), new SeededEntropy(s));
            var outcome = new ExportRunner.Outcome(0, 0, 0, 0);
            long cpu = 0;
            int executed = 0;
            while (cpu < nanos) {
                var batch = new java.util.ArrayList<GeneratedModule>();
                for (int i = 0; i < 10; i++) batch.add(ModuleGenerator.generate(executed + i, config));
                long t0 = cpuNanos();
                for (var m : batch) {
                    outcome = outcome.plus(ExportRunner.run(engine, m, new SeededEntropy(executed)));
                    executed++;
                }
                cpu += cpuNanos() - t0;
            }
            result.set(new Result(genRate, byteRate, executed / (cpu / 1e9), outcome, executed));
        }, "gen-bench", 512L << 20);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        var r = result.get();
        out.printf("execution on %s: %d modules, %.1f modules/s CPU (%d export calls: %d returned, %d trapped, %d broke the engine)%n",
                engine.name(), r.executedModules(), r.executedModulesPerSecond(), r.outcome().calls(),
                r.outcome().returned(), r.outcome().trapped(), r.outcome().broken());
        out.printf("generation is %.1fx faster than execution%n", r.ratio());
        out.flush();
        return r;
    }
}

package flint.harness.diff;

import flint.compiler.NativeCompiler;
import flint.compiler.SeededBug;
import flint.harness.engine.flint.FlintEngine;
import flint.harness.gen.GenConfig;
import flint.harness.gen.ModuleGenerator;
import flint.harness.shrink.ShrinkBudget;
import flint.harness.shrink.ShrinkReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures the harness on a compiler bug planted on purpose ({@link SeededBug}): generated modules
 * run on the native engine as it is and on one compiled with the bug until they diverge, then the
 * reproducer is shrunk. Comparing the compiler with itself isolates the planted bug from the
 * reference engine's own bugs. In process: the bugs are wrong answers, not crashes.
 */
public final class SeededBugHunt {

    /**
     * What a hunt found: after how many modules and how long, and the shrinking; {@code shrunk} is
     * the finding as the shrunk module and calls replay it.
     */
    public record Result(SeededBug bug, long modules, Duration timeToFinding, Divergence divergence, ShrinkReport shrink,
                         Finding shrunk) {
        public String summary() {
            return bug.cliName() + ": found after " + modules + " modules (" + timeToFinding.toMillis() + " ms), "
                    + shrink.before().functions() + " -> " + shrink.after().functions() + " functions, "
                    + shrink.before().instructions() + " -> " + shrink.after().instructions() + " instructions ("
                    + shrink.before().bytes() + " -> " + shrink.after().bytes() + " bytes), "
                    + divergence.calls().size() + " -> " + shrink.calls().size() + " calls, in " + shrink.elapsed().toMillis() + " ms";
        }
    }

    private SeededBugHunt() {}

    /** Hunts {@code bug} for at most {@code maxModules} modules from {@code firstSeed}; null if none diverged. */
    public static Result hunt(SeededBug bug, long firstSeed, long maxModules, ShrinkBudget shrinkBudget) {
        var config = DifferentialOracle.Config.defaults().withTimeout(Duration.ofSeconds(5));
        var oracle = new DifferentialOracle(config, List.of(
                new DifferentialOracle.EngineFactory("flint", () -> new FlintEngine(NativeCompiler::compile)),
                new DifferentialOracle.EngineFactory("flint+" + bug.cliName(),
                        () -> new FlintEngine(m -> NativeCompiler.compile(m, null, Set.of(bug))))));
        // swarm mode: each module leaves out a random set of instruction kinds, so the ones it keeps
        // are dense enough for a value to reach a result; the default mix dilutes any one operator
        var d = GenConfig.defaults();
        var generator = new GenConfig(d.features(), d.weights(), true, d.canonicalizeNaNs(), d.oobPermille(), d.fuel(),
                d.maxFunctions(), d.maxParams(), d.maxResults(), d.maxLocalsPerType(), d.maxBodySize(), d.maxDepth(),
                d.maxImports());
        long start = System.nanoTime();
        for (long i = 0; i < maxModules; i++) {
            long seed = firstSeed + i;
            byte[] module = ModuleGenerator.generate(seed, generator).bytes();
            var verdict = oracle.run(module, seed);
            if (!verdict.diverged()) continue;
            var found = Duration.ofNanos(System.nanoTime() - start);
            var divergence = verdict.divergences().getFirst();
            var finding = ReportWriter.finding(module, divergence, seed, Map.of("seed", Long.toString(seed)));
            var shrinker = new FindingShrinker(oracle);
            var shrink = shrinker.shrink(module, finding, shrinkBudget);
            return new Result(bug, i + 1, found, divergence, shrink, shrinker.shrunkFinding(finding, shrink));
        }
        return null;
    }
}

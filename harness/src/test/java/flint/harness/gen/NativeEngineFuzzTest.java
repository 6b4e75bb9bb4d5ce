package flint.harness.gen;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import flint.compiler.NativeCompiler;
import flint.harness.diff.DifferentialOracle;
import java.time.Duration;
import java.util.List;

/**
 * Jazzer drives the generator against the native engine. Under {@code mvn test} each target
 * replays its committed inputs (in {@code src/test/resources/flint/harness/gen/NativeEngineFuzzTestInputs/});
 * to fuzz one: {@code JAZZER_FUZZ=1 ./mvnw -o -pl harness -am test -Dtest='flint.harness.gen.NativeEngineFuzzTest#compilerNeverFails'
 * -Dsurefire.failIfNoSpecifiedTests=false} (or {@code #nativeAgreesWithTheReference}). A finding
 * is written beside the inputs; commit it there once fixed, and it replays forever.
 *
 * <p>The differential target runs native code in the fuzzer's own JVM: a native crash ends the run,
 * which Jazzer reports as the finding. Campaigns ({@code flint fuzz}) isolate native code in
 * worker JVMs instead; this target is for coverage-guided search.
 */
class NativeEngineFuzzTest {

    private static GeneratedModule module(FuzzedDataProvider data) {
        var config = data.consumeBoolean() ? GenConfig.defaults().withSwarm(true) : GenConfig.defaults();
        return new ModuleGenerator(new FuzzedDataEntropy(data), config).generate();
    }

    /** Every valid module compiles: unsupported functions become stubs, so any exception is a compiler bug. */
    @FuzzTest(maxDuration = "60s")
    void compilerNeverFails(FuzzedDataProvider data) {
        var compiled = NativeCompiler.compile(module(data).module());
        if (compiled.functions().size() != compiled.module().functions().size()) {
            throw new AssertionError("functions went missing");
        }
    }

    /** The native engine and the reference interpreter agree on every call the oracle makes. */
    @FuzzTest(maxDuration = "60s")
    void nativeAgreesWithTheReference(FuzzedDataProvider data) {
        var module = module(data);
        long seed = data.consumeLong();
        var oracle = DifferentialOracle.of(DifferentialOracle.Config.defaults().withTimeout(Duration.ofSeconds(5))
                .withCallsPerExport(2), List.of("chicory", "flint"));
        var verdict = oracle.run(module.bytes(), seed);
        if (verdict.diverged()) throw new AssertionError(verdict.divergences().getFirst().toString());
    }
}

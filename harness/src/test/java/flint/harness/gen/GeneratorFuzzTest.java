package flint.harness.gen;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The generators driven by Jazzer: every module made from the fuzzer's bytes must validate on
 * both validators and instantiate on Chicory. Under {@code mvn test} this replays the empty
 * input only; to fuzz: {@code JAZZER_FUZZ=1 ./mvnw -o -pl harness -am test -Dtest='flint.harness.gen.GeneratorFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class GeneratorFuzzTest {
    private static final ModuleCheck CHECK = new ModuleCheck();

    @FuzzTest(maxDuration = "60s")
    void generatedModulesAreValid(FuzzedDataProvider data) {
        var config = data.consumeBoolean() ? GenConfig.defaults().withSwarm(true) : GenConfig.defaults();
        var module = new ModuleGenerator(new FuzzedDataEntropy(data), config).generate();
        var rejection = CHECK.check(module, true);
        if (rejection != null) throw new AssertionError(rejection.toString());
    }
}

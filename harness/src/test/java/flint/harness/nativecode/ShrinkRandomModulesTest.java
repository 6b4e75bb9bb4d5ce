package flint.harness.nativecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.harness.engine.chicory.ChicoryEngine;
import flint.harness.shrink.EnginePairPredicate;
import flint.harness.shrink.MiscomputingEngine;
import flint.harness.shrink.ShrinkBudget;
import flint.harness.shrink.Shrinker;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.text.WatParser;
import flint.wasm.validate.Validator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shrinker on the backend's random integer modules (deep expressions, multi-value blocks,
 * br_table, loops, calls): against an engine that runs i32.add as i32.sub, every shrink must end
 * valid, still diverging the same way, and without a pass breaking.
 */
class ShrinkRandomModulesTest {

    @ParameterizedTest
    @ValueSource(longs = {10, 19, 33})
    void randomModulesShrinkCleanly(long seed) {
        var module = WatParser.parse(new RandomNumericModules(seed).module(8));
        try (var oracle = new EnginePairPredicate("chicory", ChicoryEngine::new, MiscomputingEngine.NAME,
                MiscomputingEngine::new, Duration.ofSeconds(1))) {
            var divergences = oracle.divergences(ModuleEncoder.encode(module));
            assertTrue(!divergences.isEmpty(), "seeds chosen because i32.add decides a result");
            var target = divergences.getFirst();
            var report = Shrinker.shrink(module, oracle.preserving(target), ShrinkBudget.ofTime(Duration.ofSeconds(40)));
            Validator.validate(report.module());
            assertTrue(oracle.divergences(ModuleEncoder.encode(report.module())).contains(target));
            assertEquals(List.of(), report.passFailures());
            System.out.println("seed " + seed + ": " + target + "; " + report.summary().replace("\n", "; "));
        }
    }
}

package flint.harness.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.harness.engine.chicory.ChicoryEngine;
import flint.harness.engine.microwasm.MicrowasmEngine;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.Opcode;
import flint.wasm.text.WatParser;
import flint.wasm.text.WatPrinter;
import flint.wasm.validate.Validator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnginePairPredicateTest {

    private static EnginePairPredicate chicoryVsBroken() {
        return new EnginePairPredicate("chicory", ChicoryEngine::new, MiscomputingEngine.NAME, MiscomputingEngine::new,
                Duration.ofSeconds(2));
    }

    @Test void signaturesNameTheExportAndTheKindOfDifference() {
        var m = WatParser.parse("(module"
                + " (func (export \"same\") (result i32) (i32.add (i32.const 1) (i32.const 0)))"
                + " (func (export \"value\") (result i32) (i32.add (i32.const 1) (i32.const 2)))"
                + " (func (export \"trap\") (result i32) (i32.div_u (i32.const 1) (i32.add (i32.const 1) (i32.const 1)))))");
        // value: 3 vs -1; trap: 1/2 = 0 vs 1/0 traps
        try (var oracle = chicoryVsBroken()) {
            assertEquals(List.of(
                    "export \"value\": chicory and miscomputing returned different results",
                    "export \"trap\": chicory returned, miscomputing trapped (integer divide by zero)"),
                    oracle.divergences(ModuleEncoder.encode(m)));
        }
    }

    @Test void aDivergenceShrinksToTheAddThatCausesIt() {
        var m = WatParser.parse(NoisyModules.wat(20));
        try (var oracle = chicoryVsBroken()) {
            var divergences = oracle.divergences(ModuleEncoder.encode(m));
            assertTrue(divergences.contains("export \"f\": chicory and miscomputing returned different results"), divergences::toString);
            var target = "export \"f\": chicory and miscomputing returned different results";
            var report = Shrinker.shrink(m, oracle.preserving(target), ShrinkBudget.ofTime(Duration.ofSeconds(60)));
            var shrunk = report.module();
            Validator.validate(shrunk);
            assertTrue(oracle.divergences(ModuleEncoder.encode(shrunk)).contains(target));
            assertEquals(1, shrunk.codes().size(), () -> WatPrinter.print(shrunk));
            var body = Code.decode(shrunk.codes().getFirst()).instructions();
            assertTrue(body.size() - 1 <= 5, () -> WatPrinter.print(shrunk));
            assertTrue(body.stream().anyMatch(i -> i.opcode() == Opcode.I32_ADD), () -> WatPrinter.print(shrunk));
            assertEquals(List.of(), report.passFailures());
            System.out.println("chicory vs miscomputing: " + report.summary().replace("\n", "; "));
        }
    }

    @Test void aRunawayLoopIsInterruptedAndIsNoDivergence() {
        var m = WatParser.parse("(module (func (export \"spin\") (loop (br 0))) (func (export \"one\") (result i32) (i32.const 1)))");
        try (var oracle = new EnginePairPredicate("chicory", ChicoryEngine::new, "microwasm", MicrowasmEngine::new,
                Duration.ofMillis(200))) {
            long start = System.nanoTime();
            assertEquals(List.of(), oracle.divergences(ModuleEncoder.encode(m)));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
        }
    }
}

package flint.harness.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.compiler.NativeCompiler;
import flint.compiler.SeededBug;
import flint.harness.engine.chicory.ChicoryEngine;
import flint.harness.engine.flint.FlintEngine;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.text.WatParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The campaign's minimizer shrinks a finding's module and its recorded calls in a child JVM, and
 * hands back a finding whose calls replay the shrunk module: fewer calls, simpler arguments, no
 * arguments for parameters the shrinker removed, and the step is the last call's.
 */
class MinimizerTest {

    private static final String WAT = """
            (module
              (memory 1)
              (global $g (mut i32) (i32.const 0))
              (func (export "setup") (param i32) (global.set $g (local.get 0)))
              (func (export "noise") (param i64 f64) (result i64) (i64.add (local.get 0) (i64.const 3)))
              (func (export "f") (param i32 i64 i32) (result i32)
                (i32.store (i32.const 16) (i32.lt_s (local.get 2) (global.get $g)))
                (i32.add (local.get 0) (i32.const 1))))
            """;

    @Test void aChildJvmShrinksTheModuleAndTheCalls() {
        byte[] module = ModuleEncoder.encode(WatParser.parse(WAT));
        // chicory against the native engine with lt_s compiled as le_s: f(.., x) with x equal to
        // the global stores 0 on one, 1 on the other
        var oracle = new DifferentialOracle(DifferentialOracle.Config.defaults().withTimeout(Duration.ofSeconds(5)), List.of(
                new DifferentialOracle.EngineFactory("chicory", ChicoryEngine::new),
                new DifferentialOracle.EngineFactory("flint",
                        () -> new FlintEngine(m -> NativeCompiler.compile(m, null, Set.of(SeededBug.LT_S_AS_LE_S))))));
        var calls = List.of(new Call("setup", List.of(flint.wasm.value.Value.i32(5))),
                new Call("noise", List.of(flint.wasm.value.Value.i64(7), new flint.wasm.value.Value.F64(0))),
                new Call("f", List.of(flint.wasm.value.Value.i32(3), flint.wasm.value.Value.i64(9), flint.wasm.value.Value.i32(5))));
        var verdict = oracle.replay(module, calls);
        assertTrue(verdict.diverged(), verdict::toString);
        var finding = ReportWriter.finding(module, verdict.divergences().getFirst(), 0, Map.of());
        assertEquals(3, finding.step());

        var minimized = Minimizer.inChildJvm(Duration.ofSeconds(60), List.of("-D" + SeededBug.PROPERTY + "=lt-s-as-le-s"))
                .minimize(module, finding, Duration.ofSeconds(60));

        assertTrue(minimized.triaged(), "the child JVM minimized it");
        assertTrue(minimized.module().length < module.length, "the module shrinks");
        var shrunk = minimized.finding();
        assertEquals(finding.signature(), shrunk.signature());
        assertEquals(finding.bucket(), shrunk.bucket());
        assertEquals(shrunk.calls().size(), shrunk.step(), shrunk::toString);
        assertEquals("f", shrunk.calls().getLast().export(), shrunk::toString);
        assertTrue(shrunk.calls().size() < calls.size(), shrunk::toString);
        assertTrue(shrunk.calls().getLast().args().size() < 3, shrunk::toString); // f lost the parameters it does not need
        System.out.println("minimized: " + shrunk.calls() + ", step " + shrunk.step() + ", " + shrunk.detail() + "\n" + Listings.wat(minimized.module()));
        // the shrunk calls replay the shrunk module to the same divergence
        var replayed = oracle.replay(minimized.module(), shrunk.calls().stream()
                .map(c -> new Call(c.export(), c.args().stream().map(JsonValue::toValue).toList())).toList());
        assertTrue(replayed.divergences().stream().anyMatch(d -> d.signature().equals(finding.signature())), replayed::toString);
    }

    @Test void theIdentityKeepsModuleAndFinding() {
        byte[] module = ModuleEncoder.encode(WatParser.parse(WAT));
        var finding = new Finding(Finding.FORMAT, "b", "s", "value", "", "", 0, Map.of(), List.of("chicory", "flint"),
                List.of(), 0, Map.of(), List.of(), "", Map.of(), null);
        var same = Minimizer.IDENTITY.minimize(module, finding, Duration.ofSeconds(1));
        assertEquals(module, same.module());
        assertEquals(finding, same.finding());
        assertFalse(same.triaged(), "nothing was minimized");
    }
}

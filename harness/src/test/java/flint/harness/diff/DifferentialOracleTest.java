package flint.harness.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.harness.diff.FaultyEngine.Fault;
import flint.harness.engine.chicory.ChicoryEngine;
import flint.wasm.text.WatParser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The oracle against Chicory with one planted fault at a time: each kind is found and bucketed. */
class DifferentialOracleTest {

    static final byte[] MODULE = WatParser.toBinary("""
            (module
              (memory (export "memory") 1)
              (global $g (export "g") (mut i32) (i32.const 7))
              (table (export "t") 2 funcref)
              (elem (i32.const 0) $add)
              (data (i32.const 96) "flint data here")
              (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
              (func (export "store") (param i32) (i32.store (i32.const 200) (local.get 0)))
              (func (export "bump") (global.set $g (i32.add (global.get $g) (i32.const 1))))
              (func (export "boom") unreachable)
              (func (export "nan") (param f32) (result f32) (f32.div (f32.const 0) (f32.const 0)))
            )""", "oracle-test.wat");

    private static Verdict run(Fault fault, String target, boolean exactNaNs) {
        var config = new DifferentialOracle.Config(3, Duration.ofSeconds(1), exactNaNs, new EdgeBiasedArguments());
        var oracle = new DifferentialOracle(config, List.of(
                new DifferentialOracle.EngineFactory(ChicoryEngine.NAME, ChicoryEngine::new),
                new DifferentialOracle.EngineFactory("faulty", () -> new FaultyEngine(fault, target))));
        return oracle.run(MODULE, 42);
    }

    private static Divergence only(Verdict verdict) {
        assertEquals(1, verdict.divergences().size(), () -> "divergences: " + verdict.divergences());
        return verdict.divergences().getFirst();
    }

    @Test
    void identicalEnginesAgreeOnEveryStep() {
        var verdict = run(Fault.NONE, "", false);
        assertFalse(verdict.diverged(), () -> verdict.divergences().toString());
        assertTrue(verdict.inconclusive().isEmpty(), () -> verdict.inconclusive().toString());
        assertEquals(6 * 3, verdict.calls());
    }

    @Test
    void aWrongResultIsAValueDivergence() {
        var d = only(run(Fault.RESULT, "add", false));
        assertInstanceOf(DivergenceKind.Value.class, d.kind());
        assertEquals("add", d.call().export());
        assertEquals("value|add|chicory=returned,faulty=returned", d.signature());
        assertEquals(d.calls().getLast(), d.call());
    }

    @Test
    void aTrapWhereTheReferenceReturnsIsTrapVsValue() {
        var d = only(run(Fault.TRAP_INSTEAD, "add", false));
        assertInstanceOf(DivergenceKind.TrapVsValue.class, d.kind());
        assertEquals("trap-vs-value|add|chicory=returned,faulty=trap:unreachable", d.signature());
    }

    @Test
    void aDifferentTrapIsATrapKindDivergence() {
        var d = only(run(Fault.TRAP_KIND, "boom", false));
        assertInstanceOf(DivergenceKind.TrapKindMismatch.class, d.kind());
        assertEquals("trap-kind|boom|chicory=trap:unreachable,faulty=trap:integer_overflow", d.signature());
    }

    @Test
    void memoryIsComparedAfterInstantiationWithTheFirstDifferingRange() {
        var d = only(run(Fault.MEMORY, "", false));
        var kind = assertInstanceOf(DivergenceKind.Memory.class, d.kind());
        assertEquals(100, kind.offset());
        assertEquals(0, d.step());
        assertTrue(d.detail().contains("[100, 101)"), d.detail());
        assertEquals("memory|instantiate|chicory=instantiated,faulty=instantiated", d.signature());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"MEMORY_SIZE", "GLOBAL", "TABLE"})
    void stateDivergencesHaveTheirKinds(Fault fault) {
        var d = only(run(fault, "", false));
        Class<?> expected = switch (fault) {
            case MEMORY_SIZE -> DivergenceKind.MemorySize.class;
            case GLOBAL -> DivergenceKind.Global.class;
            default -> DivergenceKind.Table.class;
        };
        assertInstanceOf(expected, d.kind());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"START_TRAP", "REJECT", "COMPILER"})
    void instantiationDivergencesHaveTheirKinds(Fault fault) {
        var d = only(run(fault, "", false));
        assertEquals(0, d.step());
        assertEquals(null, d.call());
        Class<?> expected = switch (fault) {
            case START_TRAP -> DivergenceKind.Instantiation.class;
            case REJECT -> DivergenceKind.ValidModuleRejected.class;
            default -> DivergenceKind.CompilerException.class;
        };
        assertInstanceOf(expected, d.kind());
    }

    @Test
    void aMalfunctionIsANativeCrash() {
        assertInstanceOf(DivergenceKind.NativeCrash.class, only(run(Fault.CRASH, "bump", false)).kind());
    }

    @Test
    void aCallThatDoesNotFinishIsInterruptedAndIsAHang() {
        long start = System.nanoTime();
        var d = only(run(Fault.HANG, "store", false));
        assertInstanceOf(DivergenceKind.Hang.class, d.kind());
        assertInstanceOf(Outcome.Hung.class, d.outcomes().get("faulty"));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "the watchdog stopped it");
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"STACK", "UNSUPPORTED"})
    void allowedDifferencesAreInconclusiveNeverFindings(Fault fault) {
        var verdict = run(fault, "add", false);
        assertFalse(verdict.diverged(), () -> verdict.divergences().toString());
        assertEquals(1, verdict.inconclusive().size());
        assertEquals(fault == Fault.STACK ? Inconclusive.Reason.STACK_EXHAUSTION : Inconclusive.Reason.UNSUPPORTED,
                verdict.inconclusive().getFirst().reason());
    }

    @Test
    void arithmeticNanPayloadsAreInconclusiveUnlessNaNsAreCanonicalized() {
        var loose = run(Fault.NAN_PAYLOAD, "nan", false);
        assertFalse(loose.diverged());
        assertEquals(Inconclusive.Reason.NAN_PAYLOAD, loose.inconclusive().getFirst().reason());
        assertEquals(18, loose.calls(), "a NaN payload does not stop the run");

        var exact = run(Fault.NAN_PAYLOAD, "nan", true);
        assertInstanceOf(DivergenceKind.Value.class, only(exact).kind());
    }

    @Test
    void signaturesIgnoreValuesAndSeparateExports() {
        var a = only(run(Fault.RESULT, "add", false));
        var config = DifferentialOracle.Config.defaults().withCallsPerExport(2);
        var oracle = new DifferentialOracle(config, List.of(
                new DifferentialOracle.EngineFactory(ChicoryEngine.NAME, ChicoryEngine::new),
                new DifferentialOracle.EngineFactory("faulty", () -> new FaultyEngine(Fault.RESULT, "add"))));
        var b = only(oracle.run(MODULE, 999));
        assertNotEquals(a.calls().getLast().args(), b.calls().getLast().args());
        assertEquals(a.signature(), b.signature());
        assertEquals(a.bucket(), b.bucket());
        assertTrue(a.bucket().matches("value-[0-9a-f]{12}"), a.bucket());

        var c = only(run(Fault.RESULT, "div", false));
        assertNotEquals(a.bucket(), c.bucket());
    }

    @Test
    void aReplayMakesTheRecordedCalls() {
        var first = only(run(Fault.RESULT, "add", false));
        var oracle = new DifferentialOracle(DifferentialOracle.Config.defaults(), List.of(
                new DifferentialOracle.EngineFactory(ChicoryEngine.NAME, ChicoryEngine::new),
                new DifferentialOracle.EngineFactory("faulty", () -> new FaultyEngine(Fault.RESULT, "add"))));
        var again = oracle.replay(MODULE, first.calls());
        assertEquals(first.signature(), only(again).signature());
        assertEquals(first.calls(), again.callList());
    }

    @Test
    void chicoryAndFlintAgreeOnAnIntegerModule() {
        var oracle = DifferentialOracle.of(DifferentialOracle.Config.defaults(), List.of("chicory", "flint"));
        var verdict = oracle.run(WatParser.toBinary("""
                (module (memory 1)
                  (func (export "f") (param i32 i64) (result i64)
                    (i32.store (i32.const 8) (local.get 0))
                    (i64.add (i64.extend_i32_s (local.get 0)) (i64.rotl (local.get 1) (i64.const 7)))))""", "agree.wat"), 7);
        assertFalse(verdict.diverged(), () -> verdict.divergences().toString());
        assertEquals(4, verdict.calls());
    }
}

package flint.harness.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.harness.engine.chicory.ChicoryEngine;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.ExternKind;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.WasmModule;
import flint.wasm.text.WatParser;
import flint.wasm.text.WatPrinter;
import flint.wasm.validate.Validator;
import flint.wasm.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShrinkerTest {

    private static final WasmModule NOISY = WatParser.parse(NoisyModules.wat(30));

    /** The body of the function exported as {@code name}, or null. */
    private static Code exported(WasmModule m, String name) {
        for (var e : m.exports()) {
            if (e.kind() == ExternKind.FUNC && e.name().equals(name)) {
                return Code.decode(m.codes().get(e.index() - m.importedFunctionCount()));
            }
        }
        return null;
    }

    private static boolean hasDivS(WasmModule m) {
        var f = exported(m, "f");
        return f != null && f.instructions().stream().anyMatch(i -> i.opcode() == Opcode.I32_DIV_S);
    }

    private static boolean returns42OnChicory(WasmModule m) {
        try {
            var instance = new ChicoryEngine().instantiate(ModuleEncoder.encode(m));
            return instance.export("f").isPresent() && instance.call("f").equals(List.of(Value.i32(42)));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test void aStructuralPredicateLeavesOneTinyFunction() {
        var report = Shrinker.shrink(NOISY, ShrinkerTest::hasDivS, ShrinkBudget.UNLIMITED);
        var m = report.module();
        Validator.validate(m);
        assertTrue(hasDivS(m));
        assertEquals(1, m.codes().size(), () -> WatPrinter.print(m));
        assertEquals(1, m.exports().size(), () -> WatPrinter.print(m));
        assertTrue(report.after().instructions() <= 3, () -> WatPrinter.print(m)); // i32.const, i32.const, i32.div_s
        assertTrue(m.memories().isEmpty() && m.globals().isEmpty() && m.data().isEmpty() && m.elements().isEmpty(),
                () -> WatPrinter.print(m));
        assertEquals(1, m.types().size(), () -> WatPrinter.print(m));
        assertEquals(31, report.before().functions());
        assertTrue(report.after().bytes() < report.before().bytes() / 10, report::summary);
        assertTrue(!report.exhausted() && report.valid() <= report.attempts(), report::summary);
        assertEquals(List.of(), report.passFailures());
    }

    @Test void aSemanticPredicateKeepsTheResult() {
        var report = Shrinker.shrink(NOISY, ShrinkerTest::returns42OnChicory, ShrinkBudget.UNLIMITED);
        var m = report.module();
        Validator.validate(m);
        assertTrue(returns42OnChicory(m));
        assertEquals(1, m.codes().size(), () -> WatPrinter.print(m));
        assertTrue(exported(m, "f").size() - 1 <= 5, () -> WatPrinter.print(m));
        assertEquals(List.of(), report.passFailures());
        System.out.println("semantic predicate: " + report.summary().replace("\n", "; "));
    }

    /** Shrinking deletes the fuel check, so candidates loop forever: the predicate needs a watchdog. */
    private static final Watchdog WATCHDOG = new Watchdog(java.time.Duration.ofMillis(300));

    private static boolean trapsOnDivisionOnChicory(WasmModule m) {
        try {
            var instance = new ChicoryEngine().instantiate(ModuleEncoder.encode(m));
            WATCHDOG.run(() -> instance.call("f"), instance::interrupt);
            return false;
        } catch (flint.harness.engine.Trap t) {
            return t.kind() == flint.harness.engine.TrapKind.INTEGER_DIVIDE_BY_ZERO;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test void controlFlowLocalsAndLiteralsGoToo() {
        var m = WatParser.parse("""
                (module
                  (global $fuel (mut i32) (i32.const 1000))
                  (func $f (export "f") (result i32) (local $i i32) (local $unused i64) (local $d i32)
                    (local.set $i (i32.const 17))
                    (local.set $d (i32.const 3))
                    (block $done
                      (loop $l
                        (br_if $done (i32.eqz (global.get $fuel)))
                        (global.set $fuel (i32.sub (global.get $fuel) (i32.const 1)))
                        (local.set $d (i32.sub (local.get $d) (i32.const 1)))
                        (br_if $l (i32.gt_s (local.get $d) (i32.const 0)))))
                    (if (result i32) (i32.gt_s (local.get $i) (i32.const 5))
                      (then (i32.div_u (i32.const 12345) (local.get $d)))
                      (else (i32.const 7)))))
                """);
        var report = Shrinker.shrink(m, ShrinkerTest::trapsOnDivisionOnChicory, ShrinkBudget.UNLIMITED);
        var shrunk = report.module();
        Validator.validate(shrunk);
        assertTrue(trapsOnDivisionOnChicory(shrunk));
        assertEquals(List.of(), report.passFailures());
        // what is left: i32.const 0 or 1, i32.const 0, i32.div_u; no locals, globals, blocks
        var body = exported(shrunk, "f");
        assertEquals(List.of(), body.locals(), () -> WatPrinter.print(shrunk));
        assertTrue(body.size() - 1 <= 3, () -> WatPrinter.print(shrunk));
        assertTrue(shrunk.globals().isEmpty(), () -> WatPrinter.print(shrunk));
    }

    @Test void valuesPushedLongBeforeTheirConsumerAreDeletedExactly() {
        // generated code pushes values early and consumes them late, with statements in between:
        // the i64 is dropped at the very end, the f32 after the store, the i64 3 is never consumed
        var m = WatParser.parse("""
                (module
                  (memory 1)
                  (func (export "f")
                    (i64.const 7)
                    (i32.store (i32.const 0) (i32.const 5))
                    (f32.const 1)
                    (drop)
                    (drop)
                    (i32.div_u (i32.const 1) (i32.const 0))
                    (i64.const 3)
                    (unreachable)))
                """);
        ShrinkPredicate storesAndDivides = c -> {
            var f = exported(c, "f");
            return f != null && f.instructions().stream().anyMatch(i -> i.opcode() == Opcode.I32_STORE)
                    && f.instructions().stream().anyMatch(i -> i.opcode() == Opcode.I32_DIV_U);
        };
        var report = Shrinker.shrink(m, storesAndDivides, ShrinkBudget.UNLIMITED);
        var body = exported(report.module(), "f");
        Validator.validate(report.module());
        assertTrue(body.instructions().stream().noneMatch(i -> i instanceof Instruction.I64Const || i instanceof Instruction.F32Const),
                () -> WatPrinter.print(report.module()));
        assertTrue(report.after().instructions() <= 7, () -> WatPrinter.print(report.module()));
        assertEquals(List.of(), report.passFailures());
    }

    @Test void theResultIsDeterministic() {
        var a = Shrinker.shrink(NOISY, ShrinkerTest::hasDivS, ShrinkBudget.UNLIMITED);
        var b = Shrinker.shrink(NOISY, ShrinkerTest::hasDivS, ShrinkBudget.UNLIMITED);
        assertEquals(WatPrinter.print(a.module()), WatPrinter.print(b.module()));
        assertEquals(a.attempts(), b.attempts());
    }

    @Test void anAttemptBudgetStopsEarlyWithAValidInterestingModule() {
        var report = Shrinker.shrink(NOISY, ShrinkerTest::hasDivS, ShrinkBudget.ofAttempts(5));
        assertTrue(report.exhausted());
        assertEquals(5, report.attempts());
        Validator.validate(report.module());
        assertTrue(hasDivS(report.module()));
    }

    @Test void anOriginalThatIsNotInterestingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Shrinker.shrink(NOISY, m -> false, ShrinkBudget.UNLIMITED));
    }

    @Test void unwrappingALoopTurnsItsBackEdgeIntoADrop() {
        var m = WatParser.parse("(module (func (export \"f\") (param i32) (result i32)"
                + " (loop $l (br_if $l (local.get 0))) (block $out (br $out)) (local.get 0)))");
        var code = exported(m, "f");
        var ctx = Validator.validateModule(m);
        var blocks = BodyAnalysis.of(ctx, 0, code).blocks();
        var loop = blocks.stream().filter(b -> code.get(b.open()).opcode() == Opcode.LOOP).findFirst().orElseThrow();
        var unwrapped = Unwrap.variants(code.instructions(), loop).getFirst();
        assertEquals(Opcode.DROP, unwrapped.get(1).opcode(), unwrapped::toString);
        var block = BodyAnalysis.of(ctx, 0, code).blocks().stream()
                .filter(b -> code.get(b.open()).opcode() == Opcode.BLOCK).findFirst().orElseThrow();
        var noBlock = Unwrap.variants(code.instructions(), block).getFirst();
        assertTrue(noBlock.contains(new Instruction.Plain(Opcode.UNREACHABLE)), noBlock::toString);
        Validator.validate(BodyPass.replaced(m, 0, code.withInstructions(unwrapped)));
        Validator.validate(BodyPass.replaced(m, 0, code.withInstructions(noBlock)));
    }
}

package flint.harness.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.harness.engine.Trap;
import flint.harness.engine.TrapKind;
import flint.harness.engine.chicory.ChicoryEngine;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.BlockType;
import flint.wasm.model.ExternKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.Instruction;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.WasmModule;
import flint.wasm.text.WatParser;
import flint.wasm.text.WatPrinter;
import flint.wasm.validate.Validator;
import flint.wasm.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The passes that change signatures (function results and parameters, block types), move code
 * between functions (inlining, devirtualizing, forwarding locals) and shrink the recorded calls:
 * each one shrinks, and every result is valid and still interesting.
 */
class SignatureShrinkTest {

    /** Replays the calls on Chicory; the result of the last one, or null if any call failed. */
    private static List<Value> lastResult(ShrinkSubject s) {
        try {
            var instance = new ChicoryEngine().instantiate(ModuleEncoder.encode(s.module()));
            List<Value> last = null;
            for (var call : s.calls()) last = instance.call(call.export(), call.args());
            return last;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether the last call traps with {@code kind} (and none before it). */
    private static boolean lastTraps(ShrinkSubject s, TrapKind kind) {
        flint.harness.engine.Instance instance;
        try {
            instance = new ChicoryEngine().instantiate(ModuleEncoder.encode(s.module()));
        } catch (RuntimeException e) {
            return false;
        }
        for (int i = 0; i < s.calls().size(); i++) {
            try {
                instance.call(s.calls().get(i).export(), s.calls().get(i).args());
                if (i == s.calls().size() - 1) return false;
            } catch (Trap t) {
                return i == s.calls().size() - 1 && t.kind() == kind;
            } catch (RuntimeException e) {
                return false;
            }
        }
        return false;
    }

    private static Candidates candidates(ReplayPredicate predicate) {
        return new Candidates(predicate, ShrinkBudget.UNLIMITED);
    }

    private static FuncType typeOf(WasmModule m, int function) {
        return m.functionType(function);
    }

    private static int exported(WasmModule m, String name) {
        return m.exports().stream().filter(e -> e.kind() == ExternKind.FUNC && e.name().equals(name)).findFirst().orElseThrow().index();
    }

    private static int instructions(WasmModule m) {
        return ModuleSize.of(m).instructions();
    }

    @Test void resultsNobodyNeedsAreDropped() {
        var m = WatParser.parse("""
                (module
                  (func $g (result i32 i64 f32) (i32.const 1) (i64.const 2) (f32.const 3))
                  (func (export "f") (result i32) (call $g) (drop) (drop)))
                """);
        var subject = new ShrinkSubject(m, List.of(new ShrinkCall("f", List.of())));
        ReplayPredicate returnsOne = s -> List.of(Value.i32(1)).equals(lastResult(s));
        var shrunk = new ResultPass().run(subject, candidates(returnsOne));
        Validator.validate(shrunk.module());
        assertTrue(returnsOne.test(shrunk));
        // all results of $g go but the i32 that f returns; f keeps its result, the divergence needs it
        assertEquals(new FuncType(List.of(), List.of(NumType.I32)), typeOf(shrunk.module(), 0), () -> WatPrinter.print(shrunk.module()));
        assertEquals(new FuncType(List.of(), List.of(NumType.I32)), typeOf(shrunk.module(), 1));
    }

    @Test void droppingAResultDeletesWhatComputedIt() {
        var m = WatParser.parse("""
                (module
                  (memory 1)
                  (func (export "f") (result i64)
                    (i32.store (i32.const 0) (i32.const 7))
                    (i64.mul (i64.const 3) (i64.const 5))))
                """);
        // interesting: memory holds 7 after the call; the result is irrelevant
        ReplayPredicate stores = s -> {
            try {
                var instance = new ChicoryEngine().instantiate(ModuleEncoder.encode(s.module()));
                instance.call("f");
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        };
        var shrunk = new ResultPass().run(ShrinkSubject.of(m), candidates(stores));
        Validator.validate(shrunk.module());
        assertEquals(FuncType.EMPTY, typeOf(shrunk.module(), 0));
        assertEquals(3, instructions(shrunk.module()), () -> WatPrinter.print(shrunk.module())); // the store and its operands
    }

    @Test void parametersGoWithTheirArgumentsInBodiesAndRecordedCalls() {
        var m = WatParser.parse("""
                (module
                  (func $g (param i32 i64 i32) (result i32) (local.get 2))
                  (func (export "f") (param i32 i32) (result i32)
                    (call $g (i32.const 5) (i64.const 6) (local.get 1))))
                """);
        var subject = new ShrinkSubject(m, List.of(new ShrinkCall("f", List.of(Value.i32(7), Value.i32(9)))));
        ReplayPredicate returnsNine = s -> List.of(Value.i32(9)).equals(lastResult(s));
        var shrunk = new ParamPass().run(subject, candidates(returnsNine));
        var out = shrunk.module();
        Validator.validate(out);
        assertTrue(returnsNine.test(shrunk));
        assertEquals(List.of(NumType.I32), typeOf(out, 0).params(), () -> WatPrinter.print(out));
        assertEquals(List.of(NumType.I32), typeOf(out, exported(out, "f")).params(), () -> WatPrinter.print(out));
        assertEquals(List.of(new ShrinkCall("f", List.of(Value.i32(9)))), shrunk.calls());
        assertEquals(3, instructions(out), () -> WatPrinter.print(out)); // local.get 0; call $g; local.get 0
    }

    @Test void functionsTablesCanCallKeepTheirType() {
        var m = WatParser.parse("""
                (module
                  (type $t (func (param i32) (result i32)))
                  (table 1 funcref)
                  (elem (i32.const 0) $g)
                  (func $g (type $t) (i32.const 3))
                  (func (export "f") (result i32) (call_indirect (type $t) (i32.const 0) (i32.const 0))))
                """);
        var shrunk = new ParamPass().run(ShrinkSubject.of(m), candidates(s -> List.of(Value.i32(3)).equals(
                lastResult(new ShrinkSubject(s.module(), List.of(new ShrinkCall("f", List.of())))))));
        assertEquals(List.of(NumType.I32), typeOf(shrunk.module(), 0).params());
    }

    @Test void blockTypesLoseTheValuesNobodyNeeds() {
        var m = WatParser.parse("""
                (module
                  (func (export "f") (result i32)
                    (i64.const 9) (f32.const 1)
                    (block (param i64 f32) (result i32 i64 f64)
                      (drop) (drop)
                      (i32.const 42) (i64.const 7) (f64.const 2))
                    (drop) (drop)))
                """);
        var subject = new ShrinkSubject(m, List.of(new ShrinkCall("f", List.of())));
        ReplayPredicate returns42 = s -> List.of(Value.i32(42)).equals(lastResult(s));
        var shrunk = new BlockTypePass().run(subject, candidates(returns42));
        var out = shrunk.module();
        Validator.validate(out);
        assertTrue(returns42.test(shrunk));
        var block = Code.decode(out.codes().getFirst()).instructions().stream()
                .filter(i -> i.opcode() == Opcode.BLOCK).findFirst().orElseThrow();
        // the parameters go (their constants deleted), the results shrink to the i32 the call returns
        assertEquals(new Instruction.Block(Opcode.BLOCK, BlockType.of(NumType.I32)), block, () -> WatPrinter.print(out));
        // the zeros standing in for the values are statements the body pass deletes: the block unwraps to a constant
        var tidied = new BodyPass().run(shrunk, candidates(returns42));
        assertEquals(1, instructions(tidied.module()), () -> WatPrinter.print(tidied.module()));
    }

    @Test void anIfWithParametersAndBranchesIsRetyped() {
        var m = WatParser.parse("""
                (module
                  (func (export "f") (param i32) (result i32)
                    (i32.const 5) (i64.const 6)
                    (local.get 0)
                    (if (param i32 i64) (result i32 i64)
                      (then (br_if 0 (local.get 0)) (drop) (drop) (i32.const 1) (i64.const 2))
                      (else (drop) (drop) (i32.const 3) (i64.const 4)))
                    (drop)
                    (drop)
                    (i32.div_u (i32.const 1) (i32.const 0))))
                """);
        var subject = new ShrinkSubject(m, List.of(new ShrinkCall("f", List.of(Value.i32(1)))));
        ReplayPredicate traps = s -> lastTraps(s, TrapKind.INTEGER_DIVIDE_BY_ZERO);
        var shrunk = new BlockTypePass().run(subject, candidates(traps));
        var out = shrunk.module();
        Validator.validate(out);
        assertTrue(traps.test(shrunk));
        var opener = Code.decode(out.codes().getFirst()).instructions().stream()
                .filter(i -> i.opcode() == Opcode.IF).findFirst().orElseThrow();
        assertEquals(new Instruction.Block(Opcode.IF, BlockType.EMPTY), opener, () -> WatPrinter.print(out));
    }

    @Test void theRecordedCallsShrinkToTheOnesThatMatter() {
        var m = WatParser.parse("""
                (module
                  (memory 1)
                  (func (export "noise") (param i32) (i32.store (i32.const 8) (local.get 0)))
                  (func (export "set") (param i32) (i32.store (i32.const 0) (local.get 0)))
                  (func (export "check") (if (i32.load (i32.const 0)) (then (unreachable)))))
                """);
        var calls = List.of(new ShrinkCall("noise", List.of(Value.i32(5))), new ShrinkCall("set", List.of(Value.i32(77))),
                new ShrinkCall("noise", List.of(Value.i32(3))), new ShrinkCall("check", List.of()));
        ReplayPredicate traps = s -> lastTraps(s, TrapKind.UNREACHABLE);
        var c = candidates(traps);
        var subject = CallPass.DROP_CALLS.run(new ShrinkSubject(m, calls), c);
        subject = CallPass.SIMPLIFY_ARGUMENTS.run(subject, c);
        assertEquals(List.of(new ShrinkCall("set", List.of(Value.i32(1))), new ShrinkCall("check", List.of())), subject.calls());
    }

    @Test void theWholeShrinkerShrinksCallsAndSignaturesTogether() {
        var m = WatParser.parse("""
                (module
                  (memory 1)
                  (type $t (func (param i32 i64) (result i32 i32)))
                  (table 1 funcref)
                  (elem (i32.const 0) $divide)
                  (func $divide (type $t) (i32.div_s (local.get 0) (i32.const 0)) (i32.const 1))
                  (func $helper (param f64 i32) (result i32 f32)
                    (local i32)
                    (local.set 2 (call_indirect (type $t) (local.get 1) (i64.const 3) (i32.const 0)) (drop))
                    (local.get 2) (f32.const 2))
                  (func (export "noise") (param i32) (i32.store (i32.const 8) (local.get 0)))
                  (func (export "f") (param i32 f64 i32) (result i32 i64)
                    (call $helper (local.get 1) (local.get 2)) (drop) (i64.const 5)))
                """);
        var calls = List.of(new ShrinkCall("noise", List.of(Value.i32(5))),
                new ShrinkCall("f", List.of(Value.i32(1), new Value.F64(Double.doubleToRawLongBits(2.5)), Value.i32(8))));
        ReplayPredicate traps = s -> lastTraps(s, TrapKind.INTEGER_DIVIDE_BY_ZERO);
        var report = Shrinker.shrink(new ShrinkSubject(m, calls), traps, ShrinkBudget.UNLIMITED);
        var out = report.module();
        Validator.validate(out);
        assertTrue(traps.test(new ShrinkSubject(out, report.calls())));
        assertEquals(List.of(), report.passFailures());
        // one function, no parameters or results, one call without arguments, a handful of instructions
        assertEquals(1, out.codes().size(), () -> WatPrinter.print(out));
        assertEquals(FuncType.EMPTY, typeOf(out, exported(out, "f")), () -> WatPrinter.print(out));
        assertEquals(List.of(new ShrinkCall("f", List.of())), report.calls());
        assertTrue(report.after().instructions() <= 4, () -> WatPrinter.print(out));
        assertTrue(out.elements().isEmpty() && out.memories().isEmpty(), () -> WatPrinter.print(out));
        assertNotEquals(report.before(), report.after());
    }

    @Test void aLocalSetOnceAndReadOnceIsForwarded() {
        var m = WatParser.parse("""
                (module
                  (memory 1)
                  (func (export "f") (local i32)
                    (local.set 0 (i32.load (i32.const 4)))
                    (i32.store (i32.const 0) (local.get 0))))
                """);
        var shrunk = new LocalForwardPass().run(ShrinkSubject.of(m), candidates(s -> true));
        var body = Code.decode(shrunk.module().codes().getFirst()).instructions();
        Validator.validate(shrunk.module());
        assertTrue(body.stream().noneMatch(i -> i.opcode() == Opcode.LOCAL_SET || i.opcode() == Opcode.LOCAL_GET), body::toString);
        assertEquals(4, instructions(shrunk.module()));
    }
}

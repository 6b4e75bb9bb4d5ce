package flint.compiler.microwasm;

import static flint.compiler.microwasm.Converted.func;
import static flint.compiler.microwasm.Converted.ops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.model.Immediate;
import flint.wasm.model.MemArg;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The operator sequences the converter makes of representative functions. Every function is
 * also run through {@link MicrowasmChecker} by {@link Converted}.
 */
class ConverterTest {

    @Nested class Locals {
        @Test void declaredLocalsStartAsZeroConstantsAndLocalsAreStackEntries() {
            assertEquals(List.of(
                    "i32.const 0",             // local 2
                    "pick 2",                  // local.get 0
                    "swap 1", "drop [0]",      // local.set 2
                    "i64.const 5",
                    "pick 0", "swap 3", "drop [0]", // local.tee 1
                    "br return drop [1..3]"),
                    ops(func("(param i32 i64) (result i64) (local i32)"
                            + " (local.set 2 (local.get 0)) (local.tee 1 (i64.const 5))")));
        }

        @Test void theHeaderListsDeclaredLocalsOnly() {
            var f = Converted.function(func("(param i32) (local i64 i32)"));
            assertEquals(List.of(NumType.I64, NumType.I32), f.header().locals());
            assertEquals(3, f.header().localCount());
            assertEquals(List.of("i64.const 0", "i32.const 0", "br return drop [0..2]"),
                    f.ops().stream().map(MicrowasmPrinter::format).toList());
        }
    }

    @Nested class Blocks {
        @Test void aBlockNothingBranchesToCostsNothing() {
            assertEquals(List.of("i32.const 1", "br return"),
                    ops(func("(result i32) (block (result i32) (block (result i32) (i32.const 1)))")));
        }

        @Test void theEndLabelIsDeclaredAtTheFirstBranchAndJoinedAtTheEnd() {
            assertEquals(List.of(
                    "i32.const 1",
                    "pick 1",
                    "declare L0.end [i32 i32]",
                    "declare L1.next [i32 i32] callers=1",
                    "br_if L0.end else L1.next",
                    "L1.next:",
                    "drop [0]",
                    "i32.const 2",
                    "br L0.end",
                    "L0.end:",
                    "br return drop [1]"),
                    ops(func("(param i32) (result i32)"
                            + " (block $b (result i32) (i32.const 1) (br_if $b (local.get 0)) (drop) (i32.const 2))")));
        }

        @Test void aBranchDropsTheOperandsBetweenItsArgumentsAndTheBlockBase() {
            assertEquals(List.of(
                    "i32.const 7",
                    "i64.const 1",
                    "i32.const 2",
                    "declare L0.end [i32 i32]",
                    "br L0.end drop [1]",
                    "L0.end:",
                    "i32.add",
                    "br return"),
                    ops(func("(result i32) (i32.const 7)"
                            + " (block (result i32) (i64.const 1) (i32.const 2) (br 0)) (i32.add)")));
        }

        @Test void multiValueBlocksTakeAndPassSeveralValues() {
            assertEquals(List.of(
                    "i32.const 1",
                    "pick 1",
                    "declare L0.end [i32 i32 i32]",
                    "br L0.end",
                    "L0.end:",
                    "br return drop [2]"),
                    ops(func("(param i32) (result i32 i32)"
                            + " (i32.const 1) (local.get 0) (block (param i32 i32) (result i32 i32) (br 0))")));
        }

        @Test void returnFromDeepInsideDropsEverythingUnderTheResults() {
            assertEquals(List.of("i64.const 5", "i32.const 1", "br return drop [1..2]"),
                    ops(func("(param i32) (result i32)"
                            + " (i64.const 5) (block (block (return (i32.const 1)))) (drop) (i32.const 2)")));
        }
    }

    @Nested class Loops {
        @Test void aLoopIsAHeaderBlockEnteredByAJumpAndReenteredFromBelow() {
            var f = Converted.function(func("(param i32)"
                    + " (loop $l (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))"));
            assertEquals(List.of(
                    "declare L0.loop [i32] loop",
                    "br L0.loop",
                    "L0.loop:",
                    "pick 0", "i32.const 1", "i32.sub",
                    "pick 0", "swap 2", "drop [0]",
                    "declare L1.next [i32] callers=1",
                    "br_if L0.loop else L1.next",
                    "L1.next:",
                    "br return drop [0]"),
                    f.ops().stream().map(MicrowasmPrinter::format).toList());
            var header = f.block(new Label(0, Label.Role.LOOP));
            assertEquals(1, header.forwardCallers());
            assertEquals(1, header.backwardCallers());
        }

        @Test void aBranchToALoopCarriesItsParametersAndDropsWhatIsAbove() {
            assertEquals(List.of(
                    "i64.const 3",
                    "i32.const 4",
                    "declare L0.loop [i32 i64 i32] loop",
                    "br L0.loop",
                    "L0.loop:",
                    "i64.const 8",
                    "i32.const 5",
                    "pick 4",
                    "declare L1.next [i32 i64 i32 i64 i32] callers=1",
                    "br_if L0.loop drop [1..2] else L1.next",
                    "L1.next:",
                    "drop [0]",
                    "drop [0]",
                    "swap 2", "drop [0]",
                    "drop [0]",
                    "pick 0",
                    "br return drop [1]"),
                    ops(func("(param i32) (result i32) (i64.const 3) (i32.const 4)"
                            + " (loop (param i32) (result i32) (i64.const 8) (i32.const 5) (local.get 0) (br_if 0) (drop) (drop))"
                            + " (local.set 0) (drop) (local.get 0)")));
        }
    }

    @Nested class Ifs {
        @Test void ifElseIsATwoWayJumpToBlocksWithOneCallerEach() {
            var f = Converted.function(func("(param i32) (result i32)"
                    + " (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))"));
            assertEquals(List.of(
                    "pick 0",
                    "declare L0.then [i32] callers=1",
                    "declare L0.else [i32] callers=1",
                    "br_if L0.then else L0.else",
                    "L0.then:",
                    "i32.const 1",
                    "declare L0.end [i32 i32]",
                    "br L0.end",
                    "L0.else:",
                    "i32.const 2",
                    "br L0.end",
                    "L0.end:",
                    "br return drop [1]"),
                    f.ops().stream().map(MicrowasmPrinter::format).toList());
            assertEquals(2, f.block(new Label(0, Label.Role.END)).forwardCallers());
        }

        @Test void anIfWithoutElseGetsAnEmptyElseBlock() {
            assertEquals(List.of(
                    "pick 0",
                    "declare L0.then [i32] callers=1",
                    "declare L0.else [i32] callers=1",
                    "br_if L0.then else L0.else",
                    "L0.then:",
                    "i32.const 1",
                    "global.set 0 i32",
                    "declare L0.end [i32]",
                    "br L0.end",
                    "L0.else:",
                    "br L0.end",
                    "L0.end:",
                    "br return drop [0]"),
                    ops(func("(param i32) (if (local.get 0) (then (global.set $g (i32.const 1))))")));
        }

        @Test void anArmThatNeverFallsThroughNeedsNoJoin() {
            assertEquals(List.of(
                    "pick 0",
                    "declare L0.then [i32] callers=1",
                    "declare L0.else [i32] callers=1",
                    "br_if L0.then else L0.else",
                    "L0.then:",
                    "i32.const 7",
                    "br return drop [1]",
                    "L0.else:",
                    "i32.const 8",
                    "br return drop [1]"),
                    ops(func("(param i32) (result i32)"
                            + " (if (local.get 0) (then (return (i32.const 7)))) (i32.const 8)")));
        }
    }

    @Nested class BrTable {
        @Test void eachTargetDropsWhatItsBlockDoesNotTakeAndCountsOnce() {
            var f = Converted.function(func("(param i32) (result i32)"
                    + " (block $outer (result i32)"
                    + "   (block $inner (result i32)"
                    + "     (i32.const 3) (i32.const 5) (local.get 0)"
                    + "     (br_table $inner $outer $inner $outer))"
                    + "   (i32.const 10) (i32.add))"));
            assertEquals(List.of(
                    "i32.const 3",
                    "i32.const 5",
                    "pick 2",
                    "declare L1.end [i32 i32]",
                    "declare L0.end [i32 i32]",
                    "br_table [L1.end drop [1], L0.end drop [1], L1.end drop [1]] default L0.end drop [1]",
                    "L1.end:",
                    "i32.const 10",
                    "i32.add",
                    "br L0.end",
                    "L0.end:",
                    "br return drop [1]"),
                    f.ops().stream().map(MicrowasmPrinter::format).toList());
            assertEquals(1, f.block(new Label(1, Label.Role.END)).callers());
            assertEquals(2, f.block(new Label(0, Label.Role.END)).callers(), "the br_table and the fall-through");
        }

        @Test void aTableMayTargetTheFunctionItself() {
            assertEquals(List.of(
                    "i32.const 1",
                    "pick 1",
                    "declare L0.end [i32 i32]",
                    "br_table [return drop [1], L0.end] default return drop [1]",
                    "L0.end:",
                    "drop [0]",
                    "i32.const 2",
                    "br return drop [1]"),
                    ops(func("(param i32) (result i32)"
                            + " (block (result i32) (i32.const 1) (local.get 0) (br_table 1 0 1)) (drop) (i32.const 2)")));
        }
    }

    @Nested class UnreachableCode {
        @Test void codeAfterATerminatorIsDroppedEvenWhenIllTypedOrUnsupported() {
            assertEquals(List.of("unreachable"),
                    ops(func("(result i32) (unreachable) (f32.add) (drop) (i32.add)")));
        }

        @Test void deadBlocksStayDeadToTheirEnd() {
            assertEquals(List.of("i32.const 1", "br return drop [1]"),
                    ops(func("(param i32) (result i32) (return (i32.const 1))"
                            + " (block (result i32) (br 0 (i32.const 9))) (loop (br 0)) (drop) (i32.const 2)")));
        }

        @Test void controlResumesAtAnElseAndAtAnEndSomethingBranchedTo() {
            assertEquals(List.of(
                    "pick 0",
                    "declare L0.then [i32] callers=1",
                    "declare L0.else [i32] callers=1",
                    "br_if L0.then else L0.else",
                    "L0.then:",
                    "unreachable",
                    "L0.else:",
                    "declare L1.end [i32]",
                    "br L1.end",
                    "L1.end:",
                    "i32.const 3",
                    "br return drop [1]"),
                    ops(func("(param i32) (result i32)"
                            + " (if (local.get 0) (then (unreachable) (i64.add) (drop)) (else (block (br 0) (f64.neg) (drop))))"
                            + " (i32.const 3)")));
        }
    }

    @Nested class Instructions {
        @Test void callsCarryTheirSignatureIncludingMultipleResults() {
            var module = Converted.module("(module"
                    + " (func $swap (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))"
                    + " (func (result i64 i32) (call $swap (i32.const 1) (i64.const 2))))");
            var f = ((MicrowasmModule.Converted) module.functions().get(1)).function();
            assertEquals(List.of("i32.const 1", "i64.const 2", "call 0 [i32 i64] -> [i64 i32]", "br return"),
                    f.ops().stream().map(MicrowasmPrinter::format).toList());
        }

        @Test void selectGlobalsAndMemory() {
            assertEquals(List.of(
                    "i64.const 1", "i64.const 2", "global.get 0 i32", "select i64", "drop [0]",
                    "i32.const 6", "global.set 0 i32",
                    "i32.const 8", "i64.load16_s offset=2 align=1", "drop [0]",
                    "i32.const 0", "i32.const 5", "i32.store8 offset=3",
                    "memory.size", "memory.grow", "drop [0]",
                    "br return"),
                    ops(func("(i64.const 1) (i64.const 2) (global.get $g) (select) (drop)"
                            + " (global.set $g (i32.const 6))"
                            + " (drop (i64.load16_s offset=2 align=1 (i32.const 8)))"
                            + " (i32.store8 offset=3 (i32.const 0) (i32.const 5))"
                            + " (drop (memory.grow (memory.size)))")));
        }

        /** The printer writes the simple operators with Wasm's mnemonics, so the mapping can be checked against them. */
        @Test void everyIntegerInstructionWithoutImmediatesMapsToItsOperator() {
            int count = 0;
            for (var op : Opcode.values()) {
                var sig = op.signature();
                if (op.prefix() != 0 || op.immediate() != Immediate.NONE || sig == null || sig.equals(":")) continue;
                if (!sig.chars().allMatch(c -> c == 'i' || c == 'l' || c == ':')) continue;
                var micro = Operators.simple(op);
                assertNotNull(micro, op.mnemonic());
                assertEquals(op.mnemonic(), MicrowasmPrinter.format(micro));
                count++;
            }
            assertEquals(2 + 20 + 6 + 30 + 3 + 5, count, "eqz, comparisons, bit counts, binary operators, conversions, extensions");
        }

        @Test void everyIntegerLoadAndStoreMapsToItsOperator() {
            int count = 0;
            for (var op : Opcode.values()) {
                if (!Operators.isIntegerAccess(op)) continue;
                assertEquals(op.mnemonic(), MicrowasmPrinter.format(Operators.access(op, MemArg.natural(op))));
                count++;
            }
            assertEquals(12 + 7, count, "loads and stores");
        }
    }

    @Test void blockStatisticsMatchTheJumps() {
        var f = Converted.function(func("(param i32) (result i32)"
                + " (block $a (loop $l (br_if $a (local.get 0)) (br_if $l (local.get 0)) (br $l)))"
                + " (i32.const 1)"));
        var header = f.block(new Label(1, Label.Role.LOOP));
        assertEquals(1, header.forwardCallers());
        assertEquals(2, header.backwardCallers());
        assertEquals(1, f.block(new Label(0, Label.Role.END)).callers());
        assertTrue(f.blocks().stream().filter(b -> b.label().role() == Label.Role.NEXT).allMatch(b -> b.callers() == 1));
    }
}

package flint.compiler.microwasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import flint.wasm.model.FuncType;
import flint.wasm.model.MemArg;
import flint.wasm.model.NumType;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PrinterTest {

    @Test void aWholeFunction() {
        var f = Converted.function("(module (func $fac (export \"fac\") (param i64) (result i64) (local i64)"
                + " (local.set 1 (i64.const 1))"
                + " (block $done (loop $next"
                + "   (br_if $done (i64.eqz (local.get 0)))"
                + "   (local.set 1 (i64.mul (local.get 1) (local.get 0)))"
                + "   (local.set 0 (i64.sub (local.get 0) (i64.const 1)))"
                + "   (br $next)))"
                + " (local.get 1)))");
        assertEquals("""
                function 0 "fac" [i64] -> [i64] locals [i64]
                  i64.const 0                         ; local 1
                  i64.const 1
                  swap 1                              ; local 1
                  drop [0]
                  declare L1.loop [i64 i64 |] loop
                  br L1.loop
                L1.loop:                              ; 1 forward + 1 backward callers
                  pick 1                              ; local 0
                  i64.eqz
                  declare L0.end [i64 i64 |]
                  declare L2.next [i64 i64 |] callers=1
                  br_if L0.end else L2.next
                L2.next:                              ; 1 caller
                  pick 0                              ; local 1
                  pick 2                              ; local 0
                  i64.mul
                  swap 1                              ; local 1
                  drop [0]
                  pick 1                              ; local 0
                  i64.const 1
                  i64.sub
                  swap 2                              ; local 0
                  drop [0]
                  br L1.loop
                L0.end:                               ; 1 caller
                  pick 0                              ; local 1
                  br return drop [1..2]
                """, MicrowasmPrinter.print(f, "fac"));
    }

    @Test void declarationsSeparateLocalsFromOperands() {
        var text = MicrowasmPrinter.print(Converted.function(Converted.func(
                "(param i32) (result i64) (i64.const 2) (block (result i64) (i64.const 1) (br_if 0 (local.get 0)))"
                        + " (i64.add)")));
        assertEquals(true, text.contains("  declare L0.end [i32 | i64 i64]\n"), text);
        assertEquals(true, text.contains("L0.end:                               ; 2 callers\n"), text);
    }

    @Test void eachOperatorOnOneLine() {
        var label = new Label(3, Label.Role.END);
        var drop = new DropRange(1, 2);
        assertEquals("declare L3.end [i32 i64] callers=1",
                MicrowasmPrinter.format(new MicroOp.DeclareBlock(label, List.of(NumType.I32, NumType.I64), false, OptionalInt.of(1))));
        assertEquals("declare L4.loop [] loop", MicrowasmPrinter.format(new MicroOp.DeclareBlock(
                new Label(4, Label.Role.LOOP), List.of(), true, OptionalInt.empty())));
        assertEquals("L3.end:", MicrowasmPrinter.format(new MicroOp.DefineLabel(label)));
        assertEquals("br L3.end drop [1..2]", MicrowasmPrinter.format(new MicroOp.Br(new BrTarget(label, drop))));
        assertEquals("br_if return drop [1..2] else L3.end",
                MicrowasmPrinter.format(new MicroOp.BrIf(new BrTarget(Target.RETURN, drop), BrTarget.to(label))));
        assertEquals("br_table [L3.end, return] default L3.end drop [0]", MicrowasmPrinter.format(new MicroOp.BrTable(
                List.of(BrTarget.to(label), BrTarget.to(Target.RETURN)), new BrTarget(label, DropRange.top()))));
        assertEquals("unreachable", MicrowasmPrinter.format(MicroOp.UNREACHABLE));
        assertEquals("pick 2", MicrowasmPrinter.format(new MicroOp.Pick(2)));
        assertEquals("swap 1", MicrowasmPrinter.format(new MicroOp.Swap(1)));
        assertEquals("drop [1..2]", MicrowasmPrinter.format(new MicroOp.Drop(drop)));
        assertEquals("i64.const -1", MicrowasmPrinter.format(new MicroOp.I64Const(-1)));
        assertEquals("i64.rotl", MicrowasmPrinter.format(new MicroOp.IntBinary(IntType.I64, IntBinaryOp.ROTL)));
        assertEquals("i32.ge_u", MicrowasmPrinter.format(new MicroOp.IntCompare(IntType.I32, IntCondition.GE_U)));
        assertEquals("i64.extend32_s", MicrowasmPrinter.format(new MicroOp.SignExtend(IntType.I64, Width.B32)));
        assertEquals("select i32", MicrowasmPrinter.format(new MicroOp.Select(NumType.I32)));
        assertEquals("i64.load32_u offset=4294967295",
                MicrowasmPrinter.format(new MicroOp.Load(IntType.I64, Width.B32, false, new MemArg(2, 0xFFFF_FFFFL, 0))));
        assertEquals("i32.store16 2 align=1",
                MicrowasmPrinter.format(new MicroOp.Store(IntType.I32, Width.B16, new MemArg(0, 0, 2))));
        assertEquals("memory.grow 1", MicrowasmPrinter.format(new MicroOp.MemoryGrow(1)));
        assertEquals("global.set 4 i64", MicrowasmPrinter.format(new MicroOp.GlobalSet(4, NumType.I64)));
        assertEquals("call 7 [i32 i32] -> [i64]", MicrowasmPrinter.format(new MicroOp.Call(7,
                FuncType.of(List.of(NumType.I32, NumType.I32), List.of(NumType.I64)))));
    }
}

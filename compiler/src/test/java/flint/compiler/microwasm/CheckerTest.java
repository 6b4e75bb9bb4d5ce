package flint.compiler.microwasm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.model.FuncType;
import flint.wasm.model.NumType;
import flint.wasm.model.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The checker catches each kind of malformed Microwasm a converter bug could produce. */
class CheckerTest {
    private static final List<ValType> I32 = List.of(NumType.I32);
    private static final Label END = new Label(0, Label.Role.END);

    private static void rejects(String why, FuncType type, List<BlockInfo> blocks, MicroOp... ops) {
        var header = new FunctionHeader(0, type, List.of());
        var e = assertThrows(IllegalStateException.class,
                () -> MicrowasmChecker.check(new MicrowasmFunction(header, List.of(ops), blocks)));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    private static void accepts(FuncType type, List<BlockInfo> blocks, MicroOp... ops) {
        MicrowasmChecker.check(new MicrowasmFunction(new FunctionHeader(0, type, List.of()), List.of(ops), blocks));
    }

    private static MicroOp declare(Label label, List<ValType> params, OptionalInt callers) {
        return new MicroOp.DeclareBlock(label, params, false, callers);
    }

    private static final FuncType VOID = FuncType.EMPTY;
    private static final FuncType TO_I32 = FuncType.of(List.of(), I32);

    @Test void aWellFormedFunctionPasses() {
        accepts(TO_I32, List.of(new BlockInfo(END, I32, 1, 0)),
                new MicroOp.I32Const(1), declare(END, I32, OptionalInt.of(1)), new MicroOp.Br(BrTarget.to(END)),
                new MicroOp.DefineLabel(END), new MicroOp.Br(BrTarget.to(Target.RETURN)));
    }

    @Test void typeErrors() {
        rejects("expects i32 but finds i64", TO_I32, List.of(),
                new MicroOp.I64Const(1), new MicroOp.IntEqz(IntType.I32), new MicroOp.Br(BrTarget.to(Target.RETURN)));
        rejects("drop [0] on a stack of 0", VOID, List.of(), new MicroOp.Drop(DropRange.top()));
        rejects("depth 3 on a stack of 1", VOID, List.of(), new MicroOp.I32Const(1), new MicroOp.Pick(3));
    }

    @Test void jumpsMustLeaveExactlyTheTargetsParameters() {
        rejects("leaves [i32, i32], the target takes [i32]", TO_I32, List.of(),
                new MicroOp.I32Const(1), new MicroOp.I32Const(2), new MicroOp.Br(BrTarget.to(Target.RETURN)));
        accepts(TO_I32, List.of(), new MicroOp.I32Const(1), new MicroOp.I32Const(2),
                new MicroOp.Br(new BrTarget(Target.RETURN, new DropRange(1, 1))));
    }

    @Test void labelRules() {
        rejects("used before it is declared", VOID, List.of(), new MicroOp.Br(BrTarget.to(END)));
        rejects("control falls into", VOID, List.of(), declare(END, List.of(), OptionalInt.empty()), new MicroOp.DefineLabel(END));
        rejects("nothing jumps to it", VOID, List.of(), declare(END, List.of(), OptionalInt.empty()),
                new MicroOp.Br(BrTarget.to(Target.RETURN)), new MicroOp.DefineLabel(END));
        var next = new Label(1, Label.Role.NEXT);
        rejects("declared with 1 callers, has 2", VOID, List.of(),
                new MicroOp.I32Const(0), declare(END, List.of(), OptionalInt.of(1)), declare(next, List.of(), OptionalInt.of(1)),
                new MicroOp.BrIf(BrTarget.to(END), BrTarget.to(next)),
                new MicroOp.DefineLabel(next), new MicroOp.Br(BrTarget.to(END)), new MicroOp.DefineLabel(END));
        rejects("backward jump to L0.end", VOID, List.of(), declare(END, List.of(), OptionalInt.empty()),
                new MicroOp.Br(BrTarget.to(END)), new MicroOp.DefineLabel(END), new MicroOp.Br(BrTarget.to(END)));
        rejects("code after a terminator", VOID, List.of(),
                new MicroOp.Br(BrTarget.to(Target.RETURN)), new MicroOp.I32Const(1));
        rejects("does not end with a terminator", VOID, List.of(), new MicroOp.I32Const(1), new MicroOp.Drop(DropRange.top()));
    }

    @Test void theReportedStatisticsMustMatch() {
        var ops = new ArrayList<MicroOp>(List.of(new MicroOp.I32Const(1), declare(END, I32, OptionalInt.empty()),
                new MicroOp.Br(BrTarget.to(END)), new MicroOp.DefineLabel(END), new MicroOp.Br(BrTarget.to(Target.RETURN))));
        rejects("has 1 callers, reported 2", TO_I32, List.of(new BlockInfo(END, I32, 2, 0)), ops.toArray(MicroOp[]::new));
        rejects("0 blocks reported, 1 declared", TO_I32, List.of(), ops.toArray(MicroOp[]::new));
    }
}

package flint.compiler.microwasm;

import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a stream of Microwasm keeps the rules the backend relies on (see {@link MicroOp}):
 * every operator is well-typed on the stack it meets, jumps leave exactly their target's
 * parameters, labels are declared before use and defined once, control never falls into a label,
 * only loop headers are jumped to backwards, declared caller counts are exact, and a function
 * ends in a terminator. A violation is a bug in whoever produced the stream (the converter), so
 * it is an {@link IllegalStateException} naming the operator.
 *
 * <p>Use it as a sink (chained in front of another sink while debugging, or alone in tests) or
 * through {@link #check(MicrowasmFunction)}.
 */
public final class MicrowasmChecker implements MicrowasmSink {

    private static final class LabelState {
        final MicroOp.DeclareBlock declaration;
        boolean defined;
        int callers;

        LabelState(MicroOp.DeclareBlock declaration) { this.declaration = declaration; }
    }

    private final MicrowasmSink next;
    private final List<ValType> stack = new ArrayList<>();
    private final Map<Label, LabelState> labels = new HashMap<>();
    private FunctionHeader header;
    private boolean live;
    private int position;
    private MicroOp current;

    /** A checker that only checks. */
    public MicrowasmChecker() { this(null); }

    /** A checker that passes everything on to {@code next} once checked. */
    public MicrowasmChecker(MicrowasmSink next) { this.next = next; }

    /** Checks one collected function. */
    public static void check(MicrowasmFunction function) {
        var checker = new MicrowasmChecker();
        checker.beginFunction(function.header());
        function.ops().forEach(checker::op);
        checker.endFunction(function.blocks());
    }

    @Override public void beginFunction(FunctionHeader header) {
        this.header = header;
        stack.clear();
        stack.addAll(header.type().params());
        labels.clear();
        live = true;
        position = -1;
        current = null;
        if (next != null) next.beginFunction(header);
    }

    @Override public void op(MicroOp op) {
        if (header == null) throw new IllegalStateException("operator outside a function: " + op);
        position++;
        current = op;
        if (!live && !(op instanceof MicroOp.DefineLabel)) fail("code after a terminator that no label starts");
        apply(op);
        if (op.isTerminator()) live = false;
        if (next != null) next.op(op);
    }

    @Override public void endFunction(List<BlockInfo> blocks) {
        current = null;
        if (live) fail("the function does not end with a terminator");
        if (blocks.size() != labels.size()) fail(blocks.size() + " blocks reported, " + labels.size() + " declared");
        for (var info : blocks) {
            var state = labels.get(info.label());
            if (state == null) fail("block " + info.label() + " reported but never declared");
            if (!state.defined) fail(info.label() + " declared but never defined");
            if (state.callers != info.callers()) {
                fail(info.label() + " has " + state.callers + " callers, reported " + info.callers());
            }
            if (!info.params().equals(state.declaration.params())) fail(info.label() + " reported with other parameters");
        }
        if (next != null) next.endFunction(blocks);
        header = null;
    }

    private void apply(MicroOp op) {
        switch (op) {
            case MicroOp.DeclareBlock d -> {
                if (labels.putIfAbsent(d.label(), new LabelState(d)) != null) fail(d.label() + " declared twice");
            }
            case MicroOp.DefineLabel d -> {
                if (live) fail("control falls into " + d.label());
                var state = state(d.label());
                if (state.defined) fail(d.label() + " defined twice");
                if (state.callers == 0) fail(d.label() + " is defined but nothing jumps to it");
                var expected = state.declaration.numCallers();
                if (expected.isPresent() && !state.declaration.hasBackwardCallers() && expected.getAsInt() != state.callers) {
                    fail(d.label() + " declared with " + expected.getAsInt() + " callers, has " + state.callers);
                }
                state.defined = true;
                stack.clear();
                stack.addAll(state.declaration.params());
                live = true;
            }
            case MicroOp.Br br -> jumps(List.of(br.target()));
            case MicroOp.BrIf brIf -> {
                pop(NumType.I32);
                jumps(List.of(brIf.ifTrue(), brIf.ifFalse()));
            }
            case MicroOp.BrTable table -> {
                pop(NumType.I32);
                var all = new ArrayList<>(table.targets());
                all.add(table.defaultTarget());
                jumps(all);
            }
            case MicroOp.Unreachable u -> { }
            case MicroOp.Pick p -> stack.add(at(p.depth()));
            case MicroOp.Swap s -> {
                int top = stack.size() - 1;
                var other = at(s.depth());
                stack.set(top - s.depth(), stack.get(top));
                stack.set(top, other);
            }
            case MicroOp.Drop d -> drop(stack, d.range());
            case MicroOp.I32Const c -> stack.add(NumType.I32);
            case MicroOp.I64Const c -> stack.add(NumType.I64);
            case MicroOp.IntUnary u -> unary(u.type().valType(), u.type().valType());
            case MicroOp.IntBinary b -> binary(b.type().valType(), b.type().valType());
            case MicroOp.IntCompare c -> binary(c.type().valType(), NumType.I32);
            case MicroOp.IntEqz e -> unary(e.type().valType(), NumType.I32);
            case MicroOp.SignExtend s -> unary(s.type().valType(), s.type().valType());
            case MicroOp.Wrap w -> unary(NumType.I64, NumType.I32);
            case MicroOp.ExtendI32 e -> unary(NumType.I32, NumType.I64);
            case MicroOp.Select s -> {
                pop(NumType.I32);
                binary(s.type(), s.type());
            }
            case MicroOp.Load l -> unary(NumType.I32, l.type().valType());
            case MicroOp.Store s -> {
                pop(s.type().valType());
                pop(NumType.I32);
            }
            case MicroOp.F32Const c -> stack.add(NumType.F32);
            case MicroOp.F64Const c -> stack.add(NumType.F64);
            case MicroOp.FloatUnary u -> unary(u.type().valType(), u.type().valType());
            case MicroOp.FloatBinary b -> binary(b.type().valType(), b.type().valType());
            case MicroOp.FloatCompare c -> binary(c.type().valType(), NumType.I32);
            case MicroOp.IntToFloat c -> unary(c.from().valType(), c.to().valType());
            case MicroOp.FloatToInt t -> unary(t.from().valType(), t.to().valType());
            case MicroOp.FloatConvert c -> unary(c.to() == FloatType.F64 ? NumType.F32 : NumType.F64, c.to().valType());
            case MicroOp.Reinterpret r -> unary(r.from(), r.to());
            case MicroOp.FloatLoad l -> unary(NumType.I32, l.type().valType());
            case MicroOp.FloatStore s -> {
                pop(s.type().valType());
                pop(NumType.I32);
            }
            case MicroOp.MemorySize m -> stack.add(NumType.I32);
            case MicroOp.MemoryGrow m -> unary(NumType.I32, NumType.I32);
            case MicroOp.GlobalGet g -> stack.add(g.type());
            case MicroOp.GlobalSet g -> pop(g.type());
            case MicroOp.Call c -> call(c.type());
            case MicroOp.RefNull r -> stack.add(r.type());
            case MicroOp.RefIsNull r -> {
                if (stack.isEmpty() || !(stack.getLast() instanceof RefType)) fail("ref.is_null of " + stack);
                stack.removeLast();
                stack.add(NumType.I32);
            }
            case MicroOp.RefFunc r -> stack.add(RefType.FUNCREF);
            case MicroOp.CallIndirect c -> {
                pop(NumType.I32);
                call(c.type());
            }
            case MicroOp.TableGet t -> unary(NumType.I32, t.type());
            case MicroOp.TableSet t -> {
                pop(t.type());
                pop(NumType.I32);
            }
            case MicroOp.TableSize t -> stack.add(NumType.I32);
            case MicroOp.TableGrow t -> {
                pop(NumType.I32);
                pop(t.type());
                stack.add(NumType.I32);
            }
            case MicroOp.TableFill t -> {
                pop(NumType.I32);
                pop(t.type());
                pop(NumType.I32);
            }
            case MicroOp.TableCopy t -> popI32s(3);
            case MicroOp.TableInit t -> popI32s(3);
            case MicroOp.MemoryCopy m -> popI32s(3);
            case MicroOp.MemoryFill m -> popI32s(3);
            case MicroOp.MemoryInit m -> popI32s(3);
            case MicroOp.ElemDrop e -> { }
            case MicroOp.DataDrop d -> { }
        }
    }

    private void call(flint.wasm.model.FuncType type) {
        var params = type.params();
        for (int i = params.size() - 1; i >= 0; i--) pop(params.get(i));
        stack.addAll(type.results());
    }

    private void popI32s(int n) {
        for (int i = 0; i < n; i++) pop(NumType.I32);
    }

    /** Checks each way out of a jump and counts one caller per distinct label. */
    private void jumps(List<BrTarget> targets) {
        Set<Target> seen = new HashSet<>();
        for (var t : targets) {
            var after = new ArrayList<>(stack);
            drop(after, t.drop());
            List<ValType> expected;
            if (t.target() instanceof Label label) {
                var state = state(label);
                if (state.defined && !state.declaration.hasBackwardCallers()) {
                    fail("backward jump to " + label + ", which is not declared as a loop header");
                }
                expected = state.declaration.params();
                if (seen.add(label)) state.callers++;
            } else {
                expected = header.type().results();
            }
            if (!after.equals(expected)) fail("jump to " + t + " leaves " + after + ", the target takes " + expected);
        }
    }

    private LabelState state(Label label) {
        var state = labels.get(label);
        if (state == null) fail(label + " used before it is declared");
        return state;
    }

    private ValType at(int depth) {
        if (depth >= stack.size()) fail("depth " + depth + " on a stack of " + stack.size());
        return stack.get(stack.size() - 1 - depth);
    }

    private void drop(List<ValType> s, DropRange range) {
        if (range.isEmpty()) return;
        if (range.last() >= s.size()) fail("drop " + range + " on a stack of " + s.size());
        int from = s.size() - 1 - range.last();
        s.subList(from, from + range.count()).clear();
    }

    private void pop(ValType expected) {
        if (stack.isEmpty()) fail("pops " + expected.text() + " from an empty stack");
        var actual = stack.removeLast();
        if (!actual.equals(expected)) fail("expects " + expected.text() + " but finds " + actual.text());
    }

    private void unary(ValType in, ValType out) {
        pop(in);
        stack.add(out);
    }

    private void binary(ValType in, ValType out) {
        pop(in);
        pop(in);
        stack.add(out);
    }

    private void fail(String why) {
        var where = header == null ? "" : "function " + header.index();
        if (current != null) where += ", operator " + position + " (" + current + ")";
        throw new IllegalStateException("malformed Microwasm: " + why + " [" + where + "]");
    }
}

package flint.wasm.validate;

import flint.wasm.binary.MalformedModuleException;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.HeapType;
import flint.wasm.model.Instruction;
import flint.wasm.model.LocalGroup;
import flint.wasm.model.Opcode;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;

import java.util.Arrays;
import java.util.List;

/**
 * The state of the spec appendix's validation algorithm for one body, and its primitives:
 * {@code push_val}/{@code pop_val}/{@code pop_vals}, {@code push_ctrl}/{@code pop_ctrl},
 * {@code unreachable}, label lookup, plus where errors happen (function, instruction, offset) so
 * that every rule reports them the same way. The {@code *Rules} classes type instructions with
 * these; {@link FunctionValidator} drives it and answers questions about it.
 *
 * <p>Unknown operand types (the polymorphic stack of unreachable code) are {@code null}.
 */
final class TypingState {
    private static final ValType[] NONE = new ValType[0];

    final ModuleContext ctx;
    final Subtyping sub;
    final OperandStack vals = new OperandStack();
    final ControlStack ctrls = new ControlStack();
    final Locals locals = new Locals();

    private ValType[] results = NONE;
    private int function = -1;
    private Instruction current;
    private long offset = -1;
    private boolean done;
    private ValType polymorphic;
    private ValType[] scratch = new ValType[8];

    TypingState(ModuleContext ctx) {
        this.ctx = ctx;
        this.sub = ctx.subtyping();
    }

    /** Resets for function {@code function}: checks the declared local types, then opens the body's frame. */
    void begin(int function, List<LocalGroup> declaredLocals) {
        this.function = function;
        current = null;
        offset = -1;
        done = false;
        polymorphic = null;
        int typeIndex = ctx.functionTypeIndex(function);
        results = ctx.results(typeIndex);
        for (var g : declaredLocals) checkValType(g.type());
        locals.reset(ctx.params(typeIndex), declaredLocals);
        vals.clear();
        ctrls.clear();
        // The body is an implicit block whose label is the function's return.
        pushCtrl(Opcode.BLOCK, NONE, results);
    }

    /** Records the instruction about to be typed, for error messages. */
    void at(Instruction insn, long offset) {
        this.current = insn;
        this.offset = offset;
        polymorphic = null;
    }

    int function() { return function; }

    long offset() { return offset; }

    ValType[] results() { return results; }

    boolean isDone() { return done; }

    void markDone() { done = true; }

    ValType polymorphic() { return polymorphic; }

    void setPolymorphic(ValType t) { polymorphic = t; }

    // ---- Errors ----

    /** An error at the current instruction (or at the function's start, before the first instruction). */
    InvalidModuleException error(String reason) {
        return new InvalidModuleException(reason, function, offset, current == null ? null : current.opcode().mnemonic());
    }

    /** A well-formedness error at the current instruction, worded as the decoder words it. */
    MalformedModuleException malformed(String wording, String detail) {
        return new MalformedModuleException(wording, detail, (int) Math.max(offset, 0));
    }

    // ---- Operands ----

    private int top() { return ctrls.size() - 1; }

    boolean isUnreachable() { return ctrls.size() > 0 && ctrls.isUnreachable(top()); }

    void push(ValType t) { vals.push(t); }

    void pushAll(ValType[] ts) {
        for (var t : ts) vals.push(t);
    }

    void pushPrefix(ValType[] ts, int n) {
        for (int i = 0; i < n; i++) vals.push(ts[i]);
    }

    /** pop_val(): any value; null when it is the unknown type of unreachable code. */
    ValType popAny() {
        int f = top();
        if (vals.size() == ctrls.height(f)) {
            if (ctrls.isUnreachable(f)) return null;
            throw error("type mismatch: instruction requires [any] but stack has []");
        }
        return vals.pop();
    }

    /** pop_val(expected): the actual type (a subtype of expected), or null when unknown. */
    ValType pop(ValType expected) {
        int f = top();
        if (vals.size() == ctrls.height(f)) {
            if (ctrls.isUnreachable(f)) return null;
            throw error("type mismatch: instruction requires [" + Messages.text(expected) + "] but stack has []");
        }
        var actual = vals.get(vals.size() - 1);
        if (!sub.matches(actual, expected)) {
            throw error("type mismatch: instruction requires [" + Messages.text(expected) + "] but stack has ["
                    + Messages.text(actual) + "]");
        }
        return vals.pop();
    }

    /** pop_vals(expected): checks the top of the stack against {@code expected} (last = top) and pops it. */
    void popAll(ValType[] expected) { popAll(expected, expected.length, "instruction"); }

    /** pop_vals of the first {@code n} of {@code expected}. */
    void popPrefix(ValType[] expected, int n) { popAll(expected, n, "instruction"); }

    private void popAll(ValType[] expected, int n, String who) {
        if (n == 0) return;
        int f = top();
        int floor = ctrls.height(f);
        int size = vals.size();
        // Check everything before popping anything, so the error can show the whole operand list.
        for (int i = 0; i < n; i++) {
            int pos = size - n + i;
            if (pos < floor ? !ctrls.isUnreachable(f) : !sub.matches(vals.get(pos), expected[i])) {
                throw mismatch(who, n == expected.length ? expected : Arrays.copyOf(expected, n), Math.max(floor, size - n));
            }
        }
        vals.truncate(Math.max(floor, size - n));
    }

    /** "type mismatch: instruction requires [i32] but stack has [i64]", the reference interpreter's wording. */
    private InvalidModuleException mismatch(String who, ValType[] expected, int from) {
        int size = vals.size();
        var actual = new ValType[size - from];
        for (int i = from; i < size; i++) actual[i - from] = vals.get(i);
        return error("type mismatch: " + who + " requires " + Messages.types(expected) + " but stack has "
                + Messages.types(actual));
    }

    /**
     * Pops {@code expected} and pushes back what was actually there (br_table's rule): unknown
     * entries stay unknown and subtypes keep their precision for the other targets' checks.
     */
    void popAndPushBack(ValType[] expected) {
        int f = top();
        int floor = ctrls.height(f);
        int size = vals.size();
        int n = expected.length;
        if (scratch.length < n) scratch = new ValType[Math.max(n, scratch.length * 2)];
        // Entries missing below the floor of unreachable code come back as unknown.
        for (int i = 0; i < n; i++) {
            int pos = size - n + i;
            scratch[i] = pos < floor ? null : vals.get(pos);
        }
        popAll(expected);
        for (int i = 0; i < n; i++) {
            vals.push(scratch[i]);
            scratch[i] = null;
        }
    }

    /** pop_ref(): a reference (or {@code (ref bot)} for the unknown type); anything else is a mismatch. */
    RefType popRef() {
        var t = popAny();
        if (t == null) return Subtyping.BOTTOM_REF;
        if (t instanceof RefType r) return r;
        throw error("type mismatch: instruction requires [reference] but stack has [" + t.text() + "]");
    }

    // ---- Control ----

    void pushCtrl(Opcode kind, ValType[] start, ValType[] end) {
        ctrls.push(kind, start, end, vals.size(), locals.mark());
        pushAll(start);
    }

    /** pop_ctrl(): checks the frame's results and stack height and closes it; returns the frame's index (readable until the next push). */
    int popCtrl() {
        int f = top();
        var end = ctrls.endTypes(f);
        int floor = ctrls.height(f);
        int extra = vals.size() - floor - end.length;
        // Unreachable code may leave fewer values (the rest are unknown) but never more.
        if (extra > 0 || (extra < 0 && !ctrls.isUnreachable(f))) throw mismatch("block", end, floor);
        popAll(end, end.length, "block");
        // Sets inside the block may not have happened on every path to what follows it.
        locals.resetTo(ctrls.initMark(f));
        ctrls.pop();
        return f;
    }

    /** unreachable(): the rest of the current block is dead code with a polymorphic stack. */
    void setUnreachable() {
        int f = top();
        vals.truncate(ctrls.height(f));
        ctrls.setUnreachable(f);
    }

    /** The frame index of label {@code depth}, or "unknown label". */
    int label(int depth) {
        if (!ModuleContext.inRange(depth, ctrls.size())) throw error(Messages.unknown("label", depth));
        return ctrls.frameOf(depth);
    }

    // ---- Types ----

    void checkValType(ValType t) {
        if (t instanceof RefType r) checkHeapType(r.heap());
    }

    void checkHeapType(HeapType h) {
        if (h instanceof ConcreteHeapType c
                && (c == Subtyping.BOTTOM_HEAP || !ModuleContext.inRange(c.typeIndex(), ctx.typeCount()))) {
            throw error(Messages.unknown("type", c.typeIndex()));
        }
    }

    boolean matchesAll(ValType[] actual, ValType[] expected) {
        if (actual.length != expected.length) return false;
        for (int i = 0; i < actual.length; i++) if (!sub.matches(actual[i], expected[i])) return false;
        return true;
    }

    void checkLane(int lane, int laneCount) {
        if (lane < 0 || lane >= laneCount) throw error("invalid lane index");
    }
}

package flint.harness.shrink;

import flint.wasm.model.BlockType;
import flint.wasm.model.FuncType;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import flint.wasm.validate.FunctionValidator;
import flint.wasm.validate.ModuleContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The expression structure of a (valid) body, recovered from the flat instruction list by
 * simulating the operand stack: which ranges of instructions are whole statements (they leave the
 * stack as they found it and take nothing from below) and which are whole value-producing
 * subexpressions (they push one value and take nothing from below), and where each block, loop,
 * if and try_table opens, splits and ends. These are the ranges the body pass can delete or
 * replace by a constant with a good chance of staying valid.
 *
 * <p>The validator runs in lockstep: it knows label arities and types, and after each
 * instruction the type of the value on top. Values whose origin is unknown (block parameters,
 * operands in unreachable code after a {@code br}) are not part of any node.
 */
record BodyAnalysis(List<Node> nodes, List<Block> blocks) {

    enum Kind { STATEMENT, VALUE }

    /** Instructions {@code start..end} (inclusive); {@code type} is the value's type for a VALUE node. */
    record Node(int start, int end, Kind kind, ValType type) {
        int length() { return end - start + 1; }
    }

    /** A structured instruction: where it opens, its {@code else} (-1 if none) and its {@code end}. */
    record Block(int open, int elseAt, int end) {}

    private static final int UNKNOWN = -1;

    /** One open control frame of the simulation. */
    private static final class Frame {
        final int open;
        final int unitStart; // where the block's operands (condition, parameters) start, or UNKNOWN
        final int params;
        final int results;
        final List<Integer> stack = new ArrayList<>(); // the start of the subexpression that pushed each value
        int elseAt = -1;

        Frame(int open, int unitStart, int params, int results) {
            this.open = open;
            this.unitStart = unitStart;
            this.params = params;
            this.results = results;
            enter();
        }

        /** Parameters come from outside the frame: their origin is unknown inside. */
        void enter() {
            stack.clear();
            for (int i = 0; i < params; i++) stack.add(UNKNOWN);
        }

        /** Pops {@code n} values and returns where the earliest of them started, or UNKNOWN. */
        int pop(int n, int fallback) {
            int start = fallback;
            for (int i = 0; i < n; i++) {
                if (stack.isEmpty()) return UNKNOWN;
                int s = stack.removeLast();
                if (s == UNKNOWN) start = UNKNOWN;
                else if (start != UNKNOWN) start = Math.min(start, s);
            }
            return start;
        }

        void push(int n, int start) {
            // Every result of a multi-value subexpression starts where it starts: a consumer of
            // one result then spans a range that leaves the others behind (the validator rejects
            // deleting it), but the consumer of the last one spans all of them, a valid statement.
            for (int i = 0; i < n; i++) stack.add(start);
        }
    }

    static BodyAnalysis of(ModuleContext ctx, int functionIndex, Code code) {
        var v = new FunctionValidator(ctx);
        v.begin(functionIndex, code.encode());
        var nodes = new ArrayList<Node>();
        var blocks = new ArrayList<Block>();
        var frames = new ArrayList<Frame>();
        frames.add(new Frame(-1, UNKNOWN, 0, 0));
        var list = code.instructions();
        for (int k = 0; k < list.size(); k++) {
            var insn = list.get(k);
            var frame = frames.getLast();
            var op = insn.opcode();
            StackEffect effect = switch (op) {
                case BLOCK, LOOP, IF, TRY_TABLE, ELSE, END -> null;
                default -> StackEffect.of(insn, v);
            };
            v.validate(insn, k);
            switch (op) {
                case BLOCK, LOOP, IF, TRY_TABLE -> {
                    var type = blockType(ctx, insn);
                    int operands = type.params().size() + (op == Opcode.IF ? 1 : 0);
                    int unitStart = frame.pop(operands, k);
                    frames.add(new Frame(k, unitStart, type.params().size(), type.results().size()));
                }
                case ELSE -> {
                    frame.elseAt = k;
                    frame.enter();
                }
                case END -> {
                    if (frames.size() == 1) continue; // the function's own end
                    frames.removeLast();
                    blocks.add(new Block(frame.open, frame.elseAt, k));
                    var outer = frames.getLast();
                    add(nodes, frame.unitStart, k, frame.results, v);
                    outer.push(frame.results, frame.unitStart);
                }
                default -> {
                    if (effect == null) {
                        frame.stack.replaceAll(s -> UNKNOWN); // an instruction this model does not know: trust nothing below
                        continue;
                    }
                    int start = frame.pop(effect.pops(), k);
                    add(nodes, start, k, effect.pushes(), v);
                    if (effect.transfers()) frame.stack.clear(); // what follows pops from a polymorphic stack
                    else frame.push(effect.pushes(), start);
                }
            }
        }
        return new BodyAnalysis(nodes, blocks);
    }

    private static void add(List<Node> nodes, int start, int end, int pushes, FunctionValidator v) {
        if (start == UNKNOWN) return;
        if (pushes == 0) {
            nodes.add(new Node(start, end, Kind.STATEMENT, null));
        } else if (pushes == 1 && !v.isUnreachable() && v.operandHeight() > 0 && v.operandType(0) != null) {
            nodes.add(new Node(start, end, Kind.VALUE, v.operandType(0)));
        }
    }

    static FuncType blockType(ModuleContext ctx, Instruction insn) {
        var type = switch (insn) {
            case Instruction.Block b -> b.type();
            case Instruction.TryTable t -> t.type();
            default -> throw new IllegalArgumentException("not a block: " + insn);
        };
        return switch (type) {
            case BlockType.Empty e -> FuncType.EMPTY;
            case BlockType.Value(ValType t) -> FuncType.of(List.of(), List.of(t));
            case BlockType.TypeIndex(int index) -> ctx.type(index);
        };
    }
}

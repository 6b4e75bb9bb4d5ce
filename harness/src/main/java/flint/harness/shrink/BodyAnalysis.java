package flint.harness.shrink;

import flint.wasm.model.BlockType;
import flint.wasm.model.FuncType;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import flint.wasm.validate.FunctionValidator;
import flint.wasm.validate.ModuleContext;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * The expression structure of a (valid) body, recovered from the flat instruction list by
 * simulating the operand stack: which sets of instructions are whole statements (they leave the
 * stack as they found it and take nothing from below) and which are whole value-producing
 * subexpressions (they push one value and take nothing from below), which operands each
 * instruction takes, and where each block, loop, if and try_table opens, splits and ends. These are
 * the parts the body pass can delete or replace by a constant with a good chance of staying valid.
 *
 * <p>A subexpression is a set of positions, not a range: generated code often pushes a value long
 * before its consumer, with other statements and values in between. Deleting exactly the positions
 * of a subexpression leaves everything in between as it was: the values pushed in between are
 * consumed in between (the consumer pops from the top), and what they pop lies above the deleted
 * values. Values still on the stack at a {@code br}, {@code return} or {@code unreachable} that
 * does not take them are statements too: nothing ever consumes them.
 *
 * <p>The validator runs in lockstep: it knows label arities and types, and after each
 * instruction the type of the value on top. Values whose origin is unknown (block parameters,
 * operands in unreachable code after a {@code br}) are not part of any node.
 *
 * @param operands for each instruction that takes operands (blocks: their parameters and an if's
 *                 condition; {@code else} and {@code end}: the results of their arm, or of the
 *                 function), what it pops, bottom first
 */
record BodyAnalysis(List<Node> nodes, List<Block> blocks, Map<Integer, List<Operand>> operands) {

    enum Kind { STATEMENT, VALUE }

    /**
     * The instructions at {@code positions}; the last of them (the root) produces the value of a
     * VALUE node, whose type is {@code type}. Never modified after construction.
     */
    record Node(BitSet positions, Kind kind, ValType type) {
        int start() { return positions.nextSetBit(0); }

        /** The root: the last position. */
        int end() { return positions.length() - 1; }

        int length() { return positions.cardinality(); }
    }

    /** One value on the operand stack: the positions of the subexpression that pushed it (null if unknown) and its type (null if unknown). */
    record Operand(BitSet positions, ValType type) {
        boolean known() { return positions != null; }
    }

    /** A structured instruction: where it opens, its {@code else} (-1 if none) and its {@code end}. */
    record Block(int open, int elseAt, int end) {}

    /** One open control frame of the simulation. */
    private static final class Frame {
        final int open;
        final BitSet unit; // the positions of the block's operands (condition, parameters), or null if unknown
        final List<ValType> params;
        final int results;
        final List<Operand> stack = new ArrayList<>();
        int elseAt = -1;

        Frame(int open, BitSet unit, List<ValType> params, int results) {
            this.open = open;
            this.unit = unit;
            this.params = params;
            this.results = results;
            enter();
        }

        /** Parameters come from outside the frame: their origin is unknown inside. */
        void enter() {
            stack.clear();
            for (var t : params) stack.add(new Operand(null, t));
        }

        /** Pops {@code n} values, bottom first; values below the frame's stack (unreachable code) are unknown. */
        List<Operand> pop(int n) {
            var popped = new ArrayList<Operand>(n);
            for (int i = 0; i < n; i++) popped.addFirst(stack.isEmpty() ? new Operand(null, null) : stack.removeLast());
            return popped;
        }
    }

    /** The union of the operands' positions, or null if any is unknown. */
    private static BitSet union(List<Operand> operands) {
        var all = new BitSet();
        for (var o : operands) {
            if (!o.known()) return null;
            all.or(o.positions());
        }
        return all;
    }

    static BodyAnalysis of(ModuleContext ctx, int functionIndex, Code code) {
        var v = new FunctionValidator(ctx);
        v.begin(functionIndex, code.encode());
        var nodes = new ArrayList<Node>();
        var blocks = new ArrayList<Block>();
        var operands = new HashMap<Integer, List<Operand>>();
        var frames = new ArrayList<Frame>();
        frames.add(new Frame(-1, null, List.of(), v.functionType().results().size()));
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
                    var popped = frame.pop(type.params().size() + (op == Opcode.IF ? 1 : 0));
                    operands.put(k, List.copyOf(popped));
                    frames.add(new Frame(k, union(popped), type.params(), type.results().size()));
                }
                case ELSE -> {
                    operands.put(k, List.copyOf(frame.pop(frame.results)));
                    frame.elseAt = k;
                    frame.enter();
                }
                case END -> {
                    operands.put(k, List.copyOf(frame.pop(frame.results)));
                    if (frames.size() == 1) continue; // the function's own end
                    frames.removeLast();
                    blocks.add(new Block(frame.open, frame.elseAt, k));
                    var outer = frames.getLast();
                    BitSet positions = null;
                    if (frame.unit != null) {
                        positions = (BitSet) frame.unit.clone();
                        positions.set(frame.open, k + 1);
                    }
                    add(nodes, positions, frame.results, v);
                    push(outer, positions, frame.results, v);
                }
                default -> {
                    if (effect == null) {
                        // an instruction this model does not know: trust nothing below
                        frame.stack.replaceAll(o -> new Operand(null, o.type()));
                        continue;
                    }
                    var popped = frame.pop(effect.pops());
                    if (!popped.isEmpty()) operands.put(k, List.copyOf(popped));
                    var positions = union(popped);
                    if (positions != null) positions.set(k);
                    add(nodes, positions, effect.pushes(), v);
                    if (effect.transfers()) {
                        // what is left on the stack is never consumed: each such value is a statement
                        var seen = new java.util.HashSet<BitSet>();
                        for (var left : frame.stack) {
                            if (left.known() && seen.add(left.positions())) nodes.add(new Node(left.positions(), Kind.STATEMENT, null));
                        }
                        frame.stack.clear(); // what follows pops from a polymorphic stack
                    } else {
                        push(frame, positions, effect.pushes(), v);
                    }
                }
            }
        }
        return new BodyAnalysis(nodes, blocks, operands);
    }

    /**
     * Every result of a multi-value subexpression has the subexpression's positions: a consumer of
     * one result then takes in the producer while the others still need it (the validator rejects
     * deleting it), but the consumer of the last one takes all of them, a valid statement.
     */
    private static void push(Frame frame, BitSet positions, int n, FunctionValidator v) {
        for (int i = 0; i < n; i++) {
            int depth = n - 1 - i;
            ValType type = !v.isUnreachable() && v.operandHeight() > depth ? v.operandType(depth) : null;
            frame.stack.add(new Operand(positions, type));
        }
    }

    private static void add(List<Node> nodes, BitSet positions, int pushes, FunctionValidator v) {
        if (positions == null) return;
        if (pushes == 0) {
            nodes.add(new Node(positions, Kind.STATEMENT, null));
        } else if (pushes == 1 && !v.isUnreachable() && v.operandHeight() > 0 && v.operandType(0) != null) {
            nodes.add(new Node(positions, Kind.VALUE, v.operandType(0)));
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

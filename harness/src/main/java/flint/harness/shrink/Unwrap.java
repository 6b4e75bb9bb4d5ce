package flint.harness.shrink;

import flint.wasm.model.Catch;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes a block, loop, if or try_table but keeps (one arm of) its body in its place. The body's
 * branches are relabelled: labels of frames outside the removed one drop by one, and a branch to
 * the removed frame itself can no longer be expressed, so {@code br} to it becomes
 * {@code unreachable} and {@code br_if} becomes {@code drop} (never taken: a loop then runs once).
 * An {@code if}'s condition is dropped, which leaves the stack as the arm expects it.
 */
final class Unwrap {
    private Unwrap() {}

    private static final Instruction DROP = new Instruction.Plain(Opcode.DROP);
    private static final Instruction UNREACHABLE = new Instruction.Plain(Opcode.UNREACHABLE);

    /** The variants of unwrapping {@code block} in {@code code}: one for a block or loop, one per arm of an if. */
    static List<List<Instruction>> variants(List<Instruction> code, BodyAnalysis.Block block) {
        var opener = code.get(block.open());
        var variants = new ArrayList<List<Instruction>>();
        if (opener.opcode() == Opcode.IF) {
            int thenEnd = block.elseAt() >= 0 ? block.elseAt() : block.end();
            unwrap(code, block, block.open() + 1, thenEnd, true).ifPresent(variants::add);
            if (block.elseAt() >= 0) unwrap(code, block, block.elseAt() + 1, block.end(), true).ifPresent(variants::add);
        } else {
            unwrap(code, block, block.open() + 1, block.end(), false).ifPresent(variants::add);
        }
        return variants;
    }

    /** The code with the frame of {@code block} replaced by instructions {@code from..to-1} of it. */
    private static Optional<List<Instruction>> unwrap(List<Instruction> code, BodyAnalysis.Block block, int from, int to,
                                                      boolean dropCondition) {
        var out = new ArrayList<Instruction>(code.size());
        out.addAll(code.subList(0, block.open()));
        if (dropCondition) out.add(DROP);
        int depth = 0; // frames open inside the removed one
        for (int k = from; k < to; k++) {
            var insn = code.get(k);
            var relabelled = relabel(insn, depth);
            if (relabelled == null) return Optional.empty();
            out.add(relabelled);
            switch (insn.opcode()) {
                case BLOCK, LOOP, IF, TRY_TABLE -> depth++;
                case END -> depth--;
                default -> { }
            }
        }
        out.addAll(code.subList(block.end() + 1, code.size()));
        return Optional.of(out);
    }

    /** {@code insn} with its labels adjusted at {@code depth}, or null if it cannot be. */
    private static Instruction relabel(Instruction insn, int depth) {
        return switch (insn) {
            case Instruction.Indexed x when x.opcode() == Opcode.BR ->
                    x.index() == depth ? UNREACHABLE : new Instruction.Indexed(Opcode.BR, shift(x.index(), depth));
            case Instruction.Indexed x when x.opcode() == Opcode.BR_IF ->
                    x.index() == depth ? DROP : new Instruction.Indexed(Opcode.BR_IF, shift(x.index(), depth));
            case Instruction.Indexed x when x.opcode() == Opcode.BR_ON_NULL || x.opcode() == Opcode.BR_ON_NON_NULL ->
                    x.index() == depth ? null : new Instruction.Indexed(x.opcode(), shift(x.index(), depth));
            case Instruction.BrTable t -> {
                if (t.defaultLabel() == depth || t.labels().contains(depth)) yield UNREACHABLE;
                yield new Instruction.BrTable(t.labels().stream().map(l -> shift(l, depth)).toList(), shift(t.defaultLabel(), depth));
            }
            case Instruction.TryTable t -> {
                // Catch labels are resolved outside the try_table's own frame, at the current depth.
                var catches = new ArrayList<Catch>();
                for (var c : t.catches()) {
                    if (c.label() == depth) yield null;
                    catches.add(new Catch(c.kind(), c.tag(), shift(c.label(), depth)));
                }
                yield new Instruction.TryTable(t.type(), catches);
            }
            default -> insn;
        };
    }

    private static int shift(int label, int depth) {
        return label > depth ? label - 1 : label;
    }
}

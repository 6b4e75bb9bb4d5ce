package flint.harness.shrink;

import flint.wasm.model.Instruction;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

/**
 * An edit of one subexpression of a body ({@link BodyAnalysis.Node}): remove the instructions at
 * {@code removed} and put {@code insert} where instruction {@code at} was (-1: insert nothing).
 * {@code span} is the subexpression the edit is about; edits come from the expression tree, so two
 * spans are either disjoint or nested, and applying a set applies the outermost edit of each nest.
 */
record SetEdit(BitSet span, BitSet removed, int at, List<Instruction> insert) {
    SetEdit {
        span = (BitSet) span.clone();
        removed = (BitSet) removed.clone();
        insert = List.copyOf(insert);
    }

    /** Delete the subexpression. */
    static SetEdit delete(BitSet positions) {
        return new SetEdit(positions, positions, -1, List.of());
    }

    /** Replace the subexpression by {@code replacement}, where its root (last instruction) was. */
    static SetEdit replace(BitSet positions, List<Instruction> replacement) {
        return new SetEdit(positions, positions, positions.length() - 1, replacement);
    }

    /** Keep only the part {@code kept} of the subexpression (an operand that takes its place). */
    static SetEdit keep(BitSet positions, BitSet kept) {
        var removed = (BitSet) positions.clone();
        removed.andNot(kept);
        return new SetEdit(positions, removed, -1, List.of());
    }

    static List<Instruction> apply(List<Instruction> code, Collection<SetEdit> edits) {
        var sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt((SetEdit e) -> e.span.cardinality()).reversed()
                .thenComparingInt(e -> e.span.nextSetBit(0)));
        var covered = new BitSet();
        var removed = new BitSet();
        var inserts = new HashMap<Integer, List<Instruction>>();
        for (var e : sorted) {
            if (e.span.intersects(covered)) continue; // inside an edit already applied
            covered.or(e.span);
            removed.or(e.removed);
            if (e.at >= 0) inserts.put(e.at, e.insert);
        }
        var out = new ArrayList<Instruction>(code.size());
        for (int i = 0; i < code.size(); i++) {
            var insert = inserts.get(i);
            if (insert != null) out.addAll(insert);
            if (!removed.get(i)) out.add(code.get(i));
        }
        return out;
    }
}

package flint.harness.shrink;

import flint.wasm.model.Instruction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Replace instructions {@code start..end} (inclusive) of a body by {@code replacement}: deleting a
 * statement (empty replacement) or a value subexpression (a constant). Edits come from the
 * expression tree, so two edits are either disjoint or nested; applying a set applies the outer
 * edit of each nest.
 */
record RangeEdit(int start, int end, List<Instruction> replacement) {
    RangeEdit { replacement = List.copyOf(replacement); }

    static List<Instruction> apply(List<Instruction> code, Collection<RangeEdit> edits) {
        var sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(RangeEdit::start).thenComparing(Comparator.comparingInt(RangeEdit::end).reversed()));
        var out = new ArrayList<Instruction>(code.size());
        int next = 0;
        for (var e : sorted) {
            if (e.start < next) continue; // inside an edit already applied
            out.addAll(code.subList(next, e.start));
            out.addAll(e.replacement);
            next = e.end + 1;
        }
        out.addAll(code.subList(next, code.size()));
        return out;
    }
}

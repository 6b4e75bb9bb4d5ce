package flint.harness.shrink;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Delta debugging over a list of independent edits (remove this export, stub that function,
 * delete this statement...): find a large set of edits that can be applied together. Tries all of
 * them at once, then halves: chunks of n/2, n/4, ... 1, each chunk tried on top of what was
 * already accepted. Big irrelevant parts go in a few attempts; the cost is about 2n attempts in
 * the worst case, n log n never. Order is the list's order, so the result is deterministic.
 */
final class Chunks {
    private Chunks() {}

    /**
     * @param apply builds the candidate with the given edits applied to the current module and
     *              says whether it was kept (valid and interesting)
     * @return the edits accepted, in list order (empty if none)
     */
    static <T> Set<T> reduce(List<T> edits, Predicate<Set<T>> apply, Candidates candidates) {
        var accepted = new LinkedHashSet<T>();
        int n = edits.size();
        if (n == 0) return accepted;
        for (int size = n; size >= 1; size = size == 1 ? 0 : (size + 1) / 2) {
            for (int from = 0; from < n; from += size) {
                if (candidates.exhausted()) return accepted;
                var chunk = new ArrayList<T>();
                for (int i = from; i < Math.min(n, from + size); i++) {
                    if (!accepted.contains(edits.get(i))) chunk.add(edits.get(i));
                }
                if (chunk.isEmpty()) continue;
                var trial = new LinkedHashSet<>(accepted);
                trial.addAll(chunk);
                if (apply.test(trial)) accepted = trial;
            }
            if (accepted.size() == n) break;
        }
        return accepted;
    }

    /**
     * Reduces {@code current} by the edits in {@code edits}: {@code build} makes the candidate
     * with a set of edits applied to {@code current} (and may throw {@link Renumber.Dangling} when
     * the set removes something still referenced, or return null when the set cannot be expressed:
     * such a set is rejected without an attempt).
     *
     * @return the module with the largest accepted set applied, or {@code current}
     */
    static <T> flint.wasm.model.WasmModule apply(flint.wasm.model.WasmModule current, List<T> edits,
            java.util.function.Function<Set<T>, flint.wasm.model.WasmModule> build, Candidates candidates) {
        return apply(current, edits, build, candidates::test, candidates);
    }

    /** {@link #apply(flint.wasm.model.WasmModule, List, java.util.function.Function, Candidates)} for a module with its calls. */
    static <T> ShrinkSubject applyToSubject(ShrinkSubject current, List<T> edits,
            java.util.function.Function<Set<T>, ShrinkSubject> build, Candidates candidates) {
        return apply(current, edits, build, candidates::test, candidates);
    }

    private static <S, T> S apply(S current, List<T> edits, java.util.function.Function<Set<T>, S> build,
                                  Predicate<S> test, Candidates candidates) {
        var accepted = reduce(edits, set -> {
            S candidate;
            try {
                candidate = build.apply(set);
            } catch (Renumber.Dangling e) {
                return false;
            }
            return candidate != null && test.test(candidate);
        }, candidates);
        return accepted.isEmpty() ? current : build.apply(accepted);
    }
}

package flint.harness.diff;

import java.util.List;
import java.util.Map;

/**
 * Everything the oracle saw of one module: each step's outcomes per engine, the divergences (at most
 * one step's worth: the run stops at the first, since later state is no longer comparable) and
 * the inconclusive steps.
 */
public record Verdict(List<String> engines, List<Step> steps, List<Divergence> divergences,
                      List<Inconclusive> inconclusive) {

    public Verdict {
        engines = List.copyOf(engines);
        steps = List.copyOf(steps);
        divergences = List.copyOf(divergences);
        inconclusive = List.copyOf(inconclusive);
    }

    /** One step: instantiation ({@code call == null}) or one call, with each engine's outcome. */
    public record Step(int index, Call call, Map<String, Outcome> outcomes) {}

    public boolean diverged() {
        return !divergences.isEmpty();
    }

    /** The calls made (steps after instantiation). */
    public int calls() {
        return (int) steps.stream().filter(s -> s.call() != null).count();
    }

    /** The calls in order, for a replay of the same run. */
    public List<Call> callList() {
        return steps.stream().filter(s -> s.call() != null).map(Step::call).toList();
    }
}

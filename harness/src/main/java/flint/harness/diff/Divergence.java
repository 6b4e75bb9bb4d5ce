package flint.harness.diff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Two engines disagreed at one step.
 *
 * @param step the step's index: 0 is instantiation, then one per call
 * @param call the diverging call, or null when instantiation diverged
 * @param calls every call up to and including the diverging one (state carries from call to call,
 *     so a replay must make all of them)
 * @param outcomes each engine's outcome of that step, reference first
 * @param detail what differs, with values (reports only: never part of the signature)
 * @param states for a divergence of the state after the step (memory, memory size, a global, a
 *     table), each engine's state then as {@link EngineState#digest()}; otherwise empty
 */
public record Divergence(DivergenceKind kind, int step, Call call, List<Call> calls,
                         Map<String, Outcome> outcomes, String detail, Map<String, String> states) {

    public Divergence {
        calls = List.copyOf(calls);
        outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        states = states == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    /** A divergence with no states recorded (outcomes differ, or the states could not be read). */
    public Divergence(DivergenceKind kind, int step, Call call, List<Call> calls, Map<String, Outcome> outcomes, String detail) {
        this(kind, step, call, calls, outcomes, detail, Map.of());
    }

    /**
     * The bucket key: the kind, the export (or "instantiate"), and each engine's outcome class; no
     * raw values, offsets or seeds, so that the same bug found with other inputs lands in the same
     * bucket.
     */
    public String signature() {
        var where = call == null ? "instantiate" : call.export();
        var classes = outcomes.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().label())
                .collect(Collectors.joining(","));
        return kind.tag() + "|" + where + "|" + classes;
    }

    /** A short stable hash of {@link #signature()}, for folder names. */
    public String bucket() {
        return Buckets.bucket(kind.tag(), signature());
    }

    @Override public String toString() {
        return kind.tag() + " at " + (call == null ? "instantiation" : call) + ": " + detail;
    }
}

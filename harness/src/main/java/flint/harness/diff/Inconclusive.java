package flint.harness.diff;

import java.util.Map;

/**
 * A step whose outcomes differ in a way the spec allows or that says nothing about correctness:
 * counted separately, never reported as a finding.
 */
public record Inconclusive(Reason reason, int step, Call call, Map<String, Outcome> outcomes, String detail) {

    public enum Reason {
        /** Engines may exhaust the call stack at different depths. */
        STACK_EXHAUSTION,
        /** Arithmetic NaNs whose payload or sign the spec leaves to the engine. */
        NAN_PAYLOAD,
        /** A feature an engine does not support yet. */
        UNSUPPORTED,
        /** A time or memory limit: the reference was too slow, or ran out of memory. */
        RESOURCE_LIMIT,
        /** The reference itself failed, so there is nothing to compare with. */
        REFERENCE_FAILURE
    }
}

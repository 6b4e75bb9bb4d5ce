package flint.harness.diff;

import flint.harness.engine.LinkException;
import flint.harness.engine.ModuleException;
import flint.harness.engine.TrapKind;
import flint.wasm.value.Value;
import java.util.List;

/**
 * What one engine did in one step (instantiating, or one call). Sealed so that comparisons are
 * exhaustive switches; {@link #label()} is the class name used in divergence signatures, never a
 * raw value, so that duplicates bucket together.
 */
public sealed interface Outcome {

    /** A short, value-free name of this outcome's class, e.g. {@code trap:unreachable}. */
    String label();

    /** Instantiation succeeded (active segments and the start function ran). */
    record Instantiated() implements Outcome {
        @Override public String label() { return "instantiated"; }
        @Override public String toString() { return "instantiated"; }
    }

    /** The call returned these values. */
    record Returned(List<Value> values) implements Outcome {
        public Returned { values = List.copyOf(values); }
        @Override public String label() { return "returned"; }
        @Override public String toString() { return values.isEmpty() ? "returned ()" : "returned " + values; }
    }

    record Trapped(TrapKind kind, String detail) implements Outcome {
        @Override public String label() { return "trap:" + kind.name().toLowerCase(java.util.Locale.ROOT); }
        @Override public String toString() { return "trap: " + kind.message() + (detail == null || detail.equals(kind.message()) ? "" : " (" + detail + ")"); }
    }

    record Uncaught(List<Value> payload) implements Outcome {
        public Uncaught { payload = List.copyOf(payload); }
        @Override public String label() { return "uncaught-exception"; }
        @Override public String toString() { return "uncaught exception " + payload; }
    }

    /**
     * The engine refused the module as malformed or invalid. {@code unsupported} marks a refusal
     * because of a feature the engine lacks (Flint's decoder reports those as malformed).
     */
    record Rejected(ModuleException.Kind kind, String message, boolean unsupported) implements Outcome {
        @Override public String label() { return unsupported ? "unsupported" : "rejected:" + kind.name().toLowerCase(java.util.Locale.ROOT); }
        @Override public String toString() { return (unsupported ? "unsupported: " : kind.name().toLowerCase(java.util.Locale.ROOT) + ": ") + message; }
    }

    record LinkFailed(LinkException.Kind kind, String detail) implements Outcome {
        @Override public String label() { return "link:" + kind.name().toLowerCase(java.util.Locale.ROOT); }
        @Override public String toString() { return "link error: " + kind.message() + " (" + detail + ")"; }
    }

    /** The engine itself failed: {@link Failure} says how (an unsupported feature is not a bug). */
    record Failed(Failure failure, String message) implements Outcome {
        @Override public String label() { return "failure:" + failure.name().toLowerCase(java.util.Locale.ROOT); }
        @Override public String toString() { return failure.name().toLowerCase(java.util.Locale.ROOT) + ": " + message; }
    }

    /** No answer within the time limit, even after an interrupt. */
    record Hung(long millis) implements Outcome {
        @Override public String label() { return "hang"; }
        @Override public String toString() { return "no answer after " + millis + " ms"; }
    }

    /** Not run: the engine was unusable after an earlier step (it hung, or could not instantiate). */
    record Skipped(String why) implements Outcome {
        @Override public String label() { return "skipped"; }
        @Override public String toString() { return "skipped: " + why; }
    }

    /** How an engine failed, from its exception's message and causes. */
    enum Failure {
        /** A feature the engine does not have yet: inconclusive, never a finding. */
        UNSUPPORTED,
        /** The compiler threw while compiling a valid module. */
        COMPILER,
        /** Native code broke the runtime's invariants (a malfunction, a crashed worker). */
        NATIVE_CRASH,
        /** Anything else: a bug in the engine or its binding. */
        INTERNAL
    }

    /** Whether an engine that produced this outcome can still take the next step. */
    default boolean usable() {
        return !(this instanceof Hung || this instanceof Skipped || this instanceof Failed
                || this instanceof Rejected || this instanceof LinkFailed);
    }
}

package flint.runtime.exec;

import java.util.Objects;

/** How a call through the {@link EntryTrampoline} ended. */
public sealed interface Outcome {

    /** The function returned; its results are in the argument buffer. */
    record Returned() implements Outcome {}

    /** Wasm code trapped (or a host function threw a {@link TrapException}). */
    record Trapped(TrapCode code) implements Outcome {
        public Trapped {
            Objects.requireNonNull(code, "code");
        }
    }

    /** A host function threw; {@code cause} is the very throwable its body threw. */
    record HostFailed(Throwable cause) implements Outcome {
        public HostFailed {
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * Native code produced a status that no trap has, e.g. {@link TrapCode#MISSING_CODE}: a
     * compiler or runtime bug, reported rather than guessed at.
     */
    record Malfunction(int status, String explanation) implements Outcome {}

    Returned RETURNED = new Returned();
}

package flint.harness.diff;

import java.time.Duration;
import java.util.List;

/**
 * Shrinks a finding's reproducer, keeping its divergence signature: the module and the recorded
 * calls that replay it. In a campaign the judging runs native code, so {@link #inChildJvm} does it
 * in a child JVM: a crash there costs the shrinking, never the campaign or the finding.
 */
public interface Minimizer {

    /**
     * A reproducer and the finding that goes with it (after shrinking: its calls, step, outcomes,
     * states and detail from the shrunk run; the same bucket and signature).
     *
     * @param triaged whether it is the minimizer's result (else the module as found: no time, or
     *     the minimizer failed), so that its shape means something
     */
    record Minimized(byte[] module, Finding finding, boolean triaged) {}

    /** The smallest reproducer found within {@code budget}, or {@code module} and {@code finding} themselves. */
    Minimized minimize(byte[] module, Finding finding, Duration budget);

    /** The most time one finding gets (a campaign may give it less). */
    Duration budget();

    Minimizer IDENTITY = new Minimizer() {
        @Override public Minimized minimize(byte[] module, Finding finding, Duration budget) {
            return new Minimized(module, finding, false);
        }

        @Override public Duration budget() {
            return Duration.ZERO;
        }
    };

    /** Shrinks with {@link FindingShrinker} in a child JVM, for at most {@code budget} per finding. */
    static Minimizer inChildJvm(Duration budget, List<String> jvmOptions) {
        return new Minimizer() {
            @Override public Minimized minimize(byte[] module, Finding finding, Duration limit) {
                var time = limit.compareTo(budget) < 0 ? limit : budget;
                return ShrinkChild.run(module, finding, time, jvmOptions);
            }

            @Override public Duration budget() {
                return budget;
            }
        };
    }
}

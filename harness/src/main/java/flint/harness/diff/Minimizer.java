package flint.harness.diff;

/**
 * Shrinks a finding's reproducer, keeping its divergence signature: the module and the recorded
 * calls that replay it. In a campaign the judging runs native code, so {@link #inChildJvm} does it
 * in a child JVM: a crash there costs the shrinking, never the campaign or the finding.
 */
@FunctionalInterface
public interface Minimizer {

    /**
     * A shrunk reproducer: the module and the finding that goes with it (its calls, step, outcomes
     * and detail from the shrunk run; the same bucket and signature).
     */
    record Minimized(byte[] module, Finding finding) {}

    /** The smallest reproducer found, or {@code module} and {@code finding} themselves. */
    Minimized minimize(byte[] module, Finding finding);

    Minimizer IDENTITY = Minimized::new;

    /** Shrinks with {@link FindingShrinker} in a child JVM, for at most {@code budget}. */
    static Minimizer inChildJvm(java.time.Duration budget, java.util.List<String> jvmOptions) {
        return (module, finding) -> ShrinkChild.run(module, finding, budget, jvmOptions);
    }
}

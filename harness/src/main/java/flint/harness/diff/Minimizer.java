package flint.harness.diff;

/**
 * Shrinks a finding's reproducer, keeping its divergence signature. In a campaign the judging
 * runs native code, so {@link #inChildJvm} does it in a child JVM: a crash there costs the
 * shrinking, never the campaign or the finding.
 */
@FunctionalInterface
public interface Minimizer {

    /** The smallest reproducer found, or {@code module} itself. */
    byte[] minimize(byte[] module, Finding finding);

    Minimizer IDENTITY = (module, finding) -> module;

    /** Shrinks with {@link FindingShrinker} in a child JVM, for at most {@code budget}. */
    static Minimizer inChildJvm(java.time.Duration budget, java.util.List<String> jvmOptions) {
        return (module, finding) -> ShrinkChild.run(module, finding, budget, jvmOptions);
    }
}

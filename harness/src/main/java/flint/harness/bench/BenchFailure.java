package flint.harness.bench;

/**
 * An engine could not produce a sample: it does not support the program ({@link #notSupported()},
 * e.g. Flint before floating point), or it failed. The runner records it and goes on.
 */
public final class BenchFailure extends Exception {
    private final boolean notSupported;

    public BenchFailure(boolean notSupported, String message, Throwable cause) {
        super(message, cause);
        this.notSupported = notSupported;
    }

    public boolean notSupported() {
        return notSupported;
    }

    /** Engines word missing features differently; all of them say "not supported" or "unsupported". */
    static boolean meansNotSupported(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            var text = (t.getClass().getSimpleName() + " " + t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (text.contains("not supported") || text.contains("unsupported")) return true;
        }
        return false;
    }
}

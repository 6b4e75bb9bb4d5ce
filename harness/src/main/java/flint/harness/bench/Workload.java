package flint.harness.bench;

/**
 * Which export of a benchmark program is measured. Every program exports both; they compute the
 * same kind of thing at two sizes (see {@code corpus/bench/src/bench.h}).
 */
public enum Workload {
    /** {@code run}: the measured workload, roughly 50-500 ms of native code. */
    FULL("run"),
    /**
     * {@code run_small}: a small fraction of it, for engines too slow for the full one (the
     * reference interpreter) and for the checksum-agreement test. Ratios against such an engine
     * are taken on this workload, which every engine also measures.
     */
    SMALL("run_small");

    private final String export;

    Workload(String export) {
        this.export = export;
    }

    public String export() {
        return export;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package flint.wasm.text;

/**
 * Well-formed text that uses a feature the module model cannot represent yet (the GC type
 * system, threads, legacy exceptions, custom page sizes, ...). Kept apart from other parse
 * errors so that testsuite runs can report such modules as skipped rather than failed.
 */
public final class UnsupportedFeatureException extends TextParseException {
    private final String feature;

    public UnsupportedFeatureException(String feature, String detail, String file, int line, int column) {
        super(feature + " not supported yet", detail, file, line, column);
        this.feature = feature;
    }

    /** The feature's name, e.g. {@code "GC types"}. */
    public String feature() { return feature; }
}

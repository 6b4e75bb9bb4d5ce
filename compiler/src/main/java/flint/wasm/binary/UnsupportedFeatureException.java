package flint.wasm.binary;

/**
 * The module uses a feature Flint's decoder recognizes but does not support yet (GC type
 * definitions and instructions, thread atomics). It is a {@link MalformedModuleException} only so
 * that every decoding failure has one type; the message never starts with a testsuite wording,
 * and runners can catch this subclass to report "unsupported" rather than "malformed".
 */
public final class UnsupportedFeatureException extends MalformedModuleException {
    public UnsupportedFeatureException(String feature, int offset) {
        super(feature + " not supported yet", offset);
    }
}

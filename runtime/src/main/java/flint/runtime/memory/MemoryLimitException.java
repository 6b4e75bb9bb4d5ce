package flint.runtime.memory;

/**
 * A memory cannot be created because its initial size exceeds what the host allows. This is the
 * embedder's limit, not an invalid module: a differential oracle should treat it as inconclusive.
 */
public final class MemoryLimitException extends RuntimeException {
    public MemoryLimitException(String message) {
        super(message);
    }
}

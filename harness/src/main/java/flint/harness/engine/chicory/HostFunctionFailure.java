package flint.harness.engine.chicory;

/**
 * Marks an exception thrown by a host function body (or a bad result it returned) while it unwinds
 * through Chicory, so that {@link ChicoryFailures} can tell it from Chicory's own exceptions by type.
 */
final class HostFunctionFailure extends RuntimeException {
    HostFunctionFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

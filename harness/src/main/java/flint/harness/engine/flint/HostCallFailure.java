package flint.harness.engine.flint;

/**
 * A harness host function failed (threw, or returned results of the wrong number or type). Carries
 * the import's name for the trap's detail; the cause, if any, is what the body threw.
 */
final class HostCallFailure extends RuntimeException {
    HostCallFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

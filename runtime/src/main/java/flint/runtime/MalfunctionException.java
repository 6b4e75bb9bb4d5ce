package flint.runtime;

/**
 * Native code did something no correct compiler output does: returned an unknown status, trapped
 * without a code, produced a value no Java value stands for. A bug in the compiler or runtime, not
 * a property of the Wasm module; reported rather than guessed at.
 */
public final class MalfunctionException extends RuntimeException {
    public MalfunctionException(String message) {
        super(message);
    }
}

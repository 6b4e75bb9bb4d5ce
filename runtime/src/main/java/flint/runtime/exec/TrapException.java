package flint.runtime.exec;

import java.util.Objects;

/**
 * Thrown by a host function to make the calling Wasm code trap with a chosen {@link TrapCode}, for
 * instance to pass on a trap from a nested call into Wasm. Any other exception a host function
 * throws becomes {@link TrapCode#HOST_ERROR}.
 */
public class TrapException extends RuntimeException {

    private final TrapCode code;

    public TrapException(TrapCode code) {
        this(code, code.message());
    }

    public TrapException(TrapCode code, String message) {
        this(code, message, null);
    }

    /**
     * @param cause for {@link TrapCode#HOST_ERROR}, the host function's failure: thrown from a host
     *     function, it reaches the outer Java caller as that failure (see {@link HostUpcalls})
     */
    public TrapException(TrapCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public TrapCode code() {
        return code;
    }
}

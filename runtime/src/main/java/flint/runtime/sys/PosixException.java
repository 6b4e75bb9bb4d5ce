package flint.runtime.sys;

/**
 * A system call failed. The message names the call with its arguments, the {@code errno} symbol and
 * the C library's text for it, e.g.
 * {@code mprotect(0x7f0000000000, 65536, READ_WRITE) failed: ENOMEM (Cannot allocate memory)}.
 */
public final class PosixException extends RuntimeException {

    private final String call;
    private final int errno;

    public PosixException(String call, int errno, String description) {
        super(call + " failed: " + Errno.name(errno) + " (" + description + ")");
        this.call = call;
        this.errno = errno;
    }

    /** The call with its arguments, as it appears in the message. */
    public String call() {
        return call;
    }

    /** The {@code errno} value the call left; see {@link Errno}. */
    public int errno() {
        return errno;
    }
}

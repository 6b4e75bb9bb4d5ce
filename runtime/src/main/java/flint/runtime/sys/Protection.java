package flint.runtime.sys;

/**
 * Page protections the runtime uses. There is deliberately no read+write+execute constant: code
 * memory is written while read+write and only then made read+execute (W^X), so no page is ever
 * writable and executable at once.
 */
public enum Protection {
    /** Reserved address space: any access faults. */
    NONE(0),
    READ(Posix.PROT_READ),
    READ_WRITE(Posix.PROT_READ | Posix.PROT_WRITE),
    READ_EXECUTE(Posix.PROT_READ | Posix.PROT_EXEC);

    private final int bits;

    Protection(int bits) {
        this.bits = bits;
    }

    /** The {@code PROT_*} bits for mmap and mprotect. */
    public int bits() {
        return bits;
    }
}

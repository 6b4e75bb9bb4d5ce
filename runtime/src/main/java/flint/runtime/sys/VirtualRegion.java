package flint.runtime.sys;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One anonymous private mapping: a page-aligned range of the address space that this object owns
 * until {@link #close()} unmaps it. Parts of it change protection with {@link #protect}; that is how
 * linear memory commits pages as it grows and how code memory turns from writable to executable.
 *
 * <p>This class only manages the address range. It does not stop anyone from touching the memory
 * after {@code close()}; the owners ({@code CodeMemory}, {@code LinearMemory}) do that by handing out
 * only arena-scoped segments.
 */
public final class VirtualRegion implements AutoCloseable {

    private final long address;
    private final long size;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VirtualRegion(long address, long size) {
        this.address = address;
        this.size = size;
    }

    /**
     * Reserves address space without backing it: every page is {@link Protection#NONE} and the
     * kernel reserves no swap for it, so reserving many gigabytes costs only address space.
     *
     * @param size bytes, rounded up to whole pages
     */
    public static VirtualRegion reserve(long size) {
        long rounded = roundUpToPage(size);
        return new VirtualRegion(Posix.mmapAnonymous(rounded, Protection.NONE, true), rounded);
    }

    /**
     * Maps {@code size} bytes (rounded up to whole pages) of zero-filled memory with the given
     * protection.
     */
    public static VirtualRegion allocate(long size, Protection protection) {
        long rounded = roundUpToPage(size);
        return new VirtualRegion(Posix.mmapAnonymous(rounded, protection, false), rounded);
    }

    /** The first byte of the region; page aligned. */
    public long address() {
        return address;
    }

    /** The region's length in bytes; a whole number of pages. */
    public long size() {
        return size;
    }

    /**
     * Sets the protection of {@code [offset, offset + length)}, which must lie inside the region
     * and start on a page boundary; the length is rounded up to whole pages.
     *
     * @throws PosixException if the kernel refuses, e.g. {@code ENOMEM} when committing pages
     *     would exceed the commit limit
     */
    public void protect(long offset, long length, Protection protection) {
        checkOpen();
        long page = Posix.pageSize();
        if (offset < 0 || offset % page != 0) {
            throw new IllegalArgumentException("offset " + offset + " is not a page boundary inside the region");
        }
        if (length < 0 || length > size - offset) {
            throw new IllegalArgumentException(
                    "range [" + offset + ", +" + length + ") is outside the region of " + size + " bytes");
        }
        if (length == 0) {
            return;
        }
        Posix.mprotect(address + offset, roundUpToPage(length), protection);
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Unmaps the region. Safe to call more than once and from several threads: only the first unmaps. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Posix.munmap(address, size);
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("virtual region at 0x" + Long.toHexString(address) + " is unmapped");
        }
    }

    /** {@code bytes} rounded up to a whole number of pages. */
    public static long roundUpToPage(long bytes) {
        long page = Posix.pageSize();
        if (bytes < 0 || bytes > Long.MAX_VALUE - page) {
            throw new IllegalArgumentException("cannot map " + bytes + " bytes");
        }
        return (bytes + page - 1) & -page;
    }

    @Override
    public String toString() {
        return "VirtualRegion[0x%x, %d bytes%s]".formatted(address, size, isClosed() ? ", closed" : "");
    }
}

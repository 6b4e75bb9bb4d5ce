package flint.harness.engine;

import flint.wasm.model.MemoryType;

/** A live view of a linear memory: it reflects later growth and writes. */
public interface MemoryView {

    /** The current size in 64 KiB pages. */
    long pages();

    /** The current size in bytes. */
    default long byteSize() {
        return pages() * MemoryType.PAGE_SIZE;
    }

    /**
     * A copy of {@code length} bytes starting at {@code offset}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the memory
     */
    byte[] read(long offset, int length);

    /** A copy of the whole memory (the oracle hashes it). */
    default byte[] readAll() {
        long size = byteSize();
        if (size > Integer.MAX_VALUE - 8) {
            throw new UnsupportedOperationException("memory of " + size + " bytes does not fit a Java array");
        }
        return read(0, (int) size);
    }
}

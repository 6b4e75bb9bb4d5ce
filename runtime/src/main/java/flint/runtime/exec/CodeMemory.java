package flint.runtime.exec;

import flint.runtime.sys.Protection;
import flint.runtime.sys.VirtualRegion;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executable memory holding one module's machine code: mapped read+write, filled, patched, then
 * made read+execute for good (W^X: never writable and executable at once).
 *
 * <p>One region per module, because one mapping per function is slow when there are many.
 *
 * <p>Lifetime is reference counted, like a module shared by its instances: the creator's reference
 * is dropped by {@link #close()}, each instance holds a {@link #retain() lease}, and the code is
 * unmapped when the last reference goes. An embedder that refuses to close an instance whose store
 * is running ({@link ExecContext#isActive()}) thus never unmaps code under a running thread, even if
 * a host function closes the module mid-call. Entry addresses are zero-length segments of this
 * memory's arena, so a stale one is refused by {@link EntryTrampoline} instead of being jumped to.
 *
 * <p>On x86-64 the instruction cache is coherent with stores and {@code mprotect} serialises, so no
 * explicit flush is needed between writing the code and running it.
 */
@SuppressWarnings("restricted") // native access is this class's purpose
public final class CodeMemory implements AutoCloseable {

    /** Fills the unused tail of the last page: {@code int3}, so a stray jump stops at once. */
    private static final byte INT3 = (byte) 0xCC;

    /** Resolves relocations while the code is still writable. */
    @FunctionalInterface
    public interface Patcher {
        /**
         * @param code the code bytes, writable, at their final address
         * @param address the final address of {@code code}, for absolute and PC-relative fixups
         */
        void patch(MemorySegment code, long address);
    }

    private final VirtualRegion region;
    private final Arena arena;
    private final int codeSize;
    private final MemorySegment code;
    /** The creator's reference plus one per live lease; unmapped at zero. */
    private final AtomicInteger references = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    private CodeMemory(VirtualRegion region, Arena arena, int codeSize) {
        this.region = region;
        this.arena = arena;
        this.codeSize = codeSize;
        this.code = MemorySegment.ofAddress(region.address()).reinterpret(codeSize, arena, null).asReadOnly();
    }

    /** Loads {@code code} as is. */
    public static CodeMemory load(byte[] code) {
        return load(code, (segment, address) -> {});
    }

    /**
     * Maps {@code code}, lets {@code patcher} fix it up at its final address, then makes it
     * executable.
     *
     * @throws flint.runtime.sys.PosixException if the memory cannot be mapped or made executable
     *     (e.g. a policy forbidding executable anonymous memory)
     */
    public static CodeMemory load(byte[] code, Patcher patcher) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(patcher, "patcher");
        if (code.length == 0) {
            throw new IllegalArgumentException("no code to load");
        }
        var region = VirtualRegion.allocate(code.length, Protection.READ_WRITE);
        try {
            // A confined arena scopes the only writable view: it dies before the pages turn executable.
            try (var writing = Arena.ofConfined()) {
                var writable = MemorySegment.ofAddress(region.address()).reinterpret(region.size(), writing, null);
                writable.fill(INT3);
                MemorySegment.copy(code, 0, writable, ValueLayout.JAVA_BYTE, 0, code.length);
                patcher.patch(writable.asSlice(0, code.length), region.address());
            }
            region.protect(0, region.size(), Protection.READ_EXECUTE);
            return new CodeMemory(region, Arena.ofShared(), code.length);
        } catch (RuntimeException | Error e) {
            region.close();
            throw e;
        }
    }

    /** The address of the first code byte. */
    public long address() {
        return region.address();
    }

    /** The number of code bytes loaded. */
    public int codeSize() {
        return codeSize;
    }

    /** The mapped size: the code rounded up to whole pages. */
    public long mappedSize() {
        return region.size();
    }

    /**
     * The address of the code at {@code offset} (a function's entry) as a segment tied to this
     * memory: pass it as the function pointer of an {@link EntryTrampoline} call.
     *
     * @throws IllegalStateException if the memory is closed
     */
    public MemorySegment entry(int offset) {
        Objects.checkIndex(offset, codeSize);
        checkMapped();
        return code.asSlice(offset, 0);
    }

    /** The loaded code, read-only (the pages are not writable: a write would fault). */
    public MemorySegment bytes() {
        checkMapped();
        return code;
    }

    private void checkMapped() {
        if (!arena.scope().isAlive()) {
            throw new IllegalStateException("code memory is unmapped");
        }
    }

    /** A reference that keeps the code mapped until the lease is closed. */
    public final class Lease implements AutoCloseable {
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease() {}

        public CodeMemory code() {
            return CodeMemory.this;
        }

        /** Gives the reference back; idempotent. */
        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release();
            }
        }
    }

    /**
     * Keeps the code mapped until the returned lease is closed, whatever happens to the creator's
     * reference meanwhile.
     *
     * @throws IllegalStateException if the code is already unmapped
     */
    public Lease retain() {
        int current;
        do {
            current = references.get();
            if (current == 0) {
                throw new IllegalStateException("code memory is unmapped");
            }
        } while (!references.compareAndSet(current, current + 1));
        return new Lease();
    }

    /** Whether the creator's reference is gone; the code may still be mapped for leases. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Whether the code is gone for good. */
    public boolean isUnmapped() {
        return !arena.scope().isAlive();
    }

    /**
     * Drops the creator's reference: the code is unmapped now, or when the last lease is closed.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }

    private void release() {
        if (references.decrementAndGet() == 0) {
            arena.close(); // every entry segment dies first: a stale one can no longer reach native code
            region.close();
        }
    }

    @Override
    public String toString() {
        return "CodeMemory[0x%x, %d bytes%s]".formatted(address(), codeSize,
                isUnmapped() ? ", unmapped" : isClosed() ? ", closed" : "");
    }
}

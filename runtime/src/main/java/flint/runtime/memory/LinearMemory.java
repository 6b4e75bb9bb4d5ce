package flint.runtime.memory;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import flint.runtime.sys.Errno;
import flint.runtime.sys.PosixException;
import flint.runtime.sys.Protection;
import flint.runtime.sys.VirtualRegion;
import flint.wasm.model.MemoryType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Wasm linear memory in native memory.
 *
 * <p>Creation reserves, inaccessible, all the address space the memory can ever reach (4 GiB for a
 * 32-bit memory, the capped maximum for memory64) plus a guard, and makes the initial pages
 * read+write. {@link #grow} makes further pages read+write in place, so {@link #address()} never
 * changes and generated code may keep the base in a register across calls. Pages are zero-filled
 * because they are fresh anonymous memory that nothing has touched.
 *
 * <p>Generated code finds the memory through a 16-byte native record {@code {u64 base; u64
 * byteLength}} that {@code grow} keeps current: the memory's own {@link #definition() definition},
 * and a {@link #mirrorInto mirror} of it in the vmctx of every instance that defines or imports
 * the memory, so each sees growth done by anyone with one load from its own vmctx.
 *
 * <p>Java reads and writes are bounds-checked and little-endian. After {@link #close()} every
 * accessor, and every segment this memory handed out, fails with {@link IllegalStateException}
 * instead of touching unmapped memory (the segments belong to a shared arena that {@code close}
 * closes before unmapping). Native code holds raw addresses that no arena guards: the embedder must
 * not close a memory while code that uses it runs.
 *
 * <p>{@code grow} is thread-safe; accesses are not ordered with respect to each other (Wasm's own
 * rules for non-shared memory).
 */
@SuppressWarnings("restricted") // native access is this class's purpose
public final class LinearMemory implements AutoCloseable {

    public static final long PAGE_SIZE = MemoryType.PAGE_SIZE;
    /** The spec's page limit for a 32-bit memory: 4 GiB. */
    public static final long MAX_PAGES_32 = 65536;
    /** The spec's page limit for memory64: 2^64 bytes. */
    public static final long MAX_PAGES_64 = 1L << 48;

    /** Offset of the base address in the {@link #definition()} struct. */
    public static final long DEFINITION_BASE = 0;
    /** Offset of the current length in bytes in the {@link #definition()} struct. */
    public static final long DEFINITION_LENGTH = 8;
    public static final long DEFINITION_SIZE = 16;

    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final VirtualRegion region;
    private final Arena arena;
    private final MemorySegment definition;
    private final boolean memory64;
    private final long maxPages;
    private volatile long pages;
    /** The accessible bytes; replaced (same base, longer) on every grow. */
    private volatile MemorySegment view;
    /** Copies of the definition in instances' vmctx, kept current by {@link #publish}; guarded by this. */
    private final List<MemorySegment> mirrors = new ArrayList<>();

    private LinearMemory(VirtualRegion region, Arena arena, boolean memory64, long maxPages) {
        this.region = region;
        this.arena = arena;
        this.memory64 = memory64;
        this.maxPages = maxPages;
        this.definition = arena.allocate(DEFINITION_SIZE, 16);
        publish(0);
    }

    /** A memory of {@code type} under {@link MemoryPolicy#DEFAULT}. */
    public static LinearMemory create(MemoryType type) {
        return create(type, MemoryPolicy.DEFAULT);
    }

    /**
     * Reserves and commits a memory of {@code type}.
     *
     * @throws MemoryLimitException if the initial size exceeds the host's limit
     * @throws flint.runtime.sys.PosixException if the address space cannot be reserved or the
     *     initial pages cannot be committed
     */
    public static LinearMemory create(MemoryType type, MemoryPolicy policy) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(policy, "policy");
        var limits = type.limits();
        boolean memory64 = limits.address64();
        long specMax = memory64 ? MAX_PAGES_64 : MAX_PAGES_32;
        long hostMax = (memory64 ? policy.maxBytes64() : policy.maxBytes32()) / PAGE_SIZE;
        long declaredMax = limits.max().orElse(specMax);
        if (limits.min() < 0 || Long.compareUnsigned(declaredMax, specMax) > 0 || limits.min() > declaredMax) {
            throw new IllegalArgumentException("invalid memory limits " + limits);
        }
        long maxPages = Math.min(declaredMax, hostMax);
        if (limits.min() > maxPages) {
            throw new MemoryLimitException("a memory of %d pages exceeds the host limit of %d pages"
                    .formatted(limits.min(), hostMax));
        }
        // A 32-bit memory always reserves its full 4 GiB so that base + any u32 index stays inside the
        // reservation; memory64 cannot (2^64 bytes), so it reserves only what it may reach.
        long reach = memory64 ? maxPages * PAGE_SIZE : MAX_PAGES_32 * PAGE_SIZE;
        var region = VirtualRegion.reserve(reach + policy.guardBytes());
        var arena = Arena.ofShared();
        try {
            var memory = new LinearMemory(region, arena, memory64, maxPages);
            if (memory.grow(limits.min()) < 0) {
                throw new MemoryLimitException("cannot commit the initial %d pages".formatted(limits.min()));
            }
            return memory;
        } catch (RuntimeException | Error e) {
            arena.close();
            region.close();
            throw e;
        }
    }

    /** The base address; the same for the memory's whole life. */
    public long address() {
        return region.address();
    }

    /** The current size in bytes. */
    public long byteSize() {
        return pages * PAGE_SIZE;
    }

    /** The current size in 64 KiB pages. */
    public long pages() {
        return pages;
    }

    /** The most pages {@link #grow} can reach: the declared maximum capped by the host policy. */
    public long maxPages() {
        return maxPages;
    }

    public boolean isMemory64() {
        return memory64;
    }

    /** The size of the reservation, guard included. */
    public long reservedBytes() {
        return region.size();
    }

    /**
     * The native {@code {u64 base; u64 byteLength}} struct that generated code reads the memory's
     * bounds from. Valid until {@link #close()}.
     */
    public MemorySegment definition() {
        return definition;
    }

    /**
     * Wasm's {@code memory.grow}: adds {@code deltaPages} zero-filled pages.
     *
     * @param deltaPages the number of pages to add, read as unsigned (a negative value is a huge
     *     request, which fails)
     * @return the size in pages before growing, or -1 if the memory cannot grow that much: past its
     *     maximum, past the host's limit, or because the system refuses to commit the pages
     */
    public synchronized long grow(long deltaPages) {
        checkOpen();
        long old = pages;
        if (deltaPages < 0 || deltaPages > maxPages - old) {
            return -1;
        }
        if (deltaPages == 0) {
            return old;
        }
        try {
            region.protect(old * PAGE_SIZE, deltaPages * PAGE_SIZE, Protection.READ_WRITE);
        } catch (PosixException e) {
            if (e.errno() == Errno.ENOMEM || e.errno() == Errno.EAGAIN) {
                return -1; // out of commit charge or mappings: Wasm lets grow fail
            }
            throw e;
        }
        publish(old + deltaPages);
        return old;
    }

    /** Makes {@code newPages} the size seen by Java accessors and by generated code. */
    private void publish(long newPages) {
        long bytes = newPages * PAGE_SIZE;
        view = MemorySegment.ofAddress(region.address()).reinterpret(bytes, arena, null);
        writeDefinition(definition, bytes);
        // a mirror whose vmctx is gone can run no code: drop it rather than fail the grow
        mirrors.removeIf(mirror -> !mirror.scope().isAlive());
        for (var mirror : mirrors) {
            writeDefinition(mirror, bytes);
        }
        pages = newPages;
    }

    private void writeDefinition(MemorySegment target, long bytes) {
        target.set(JAVA_LONG, DEFINITION_BASE, region.address());
        target.set(JAVA_LONG, DEFINITION_LENGTH, bytes); // one aligned store: readers see old or new
    }

    /** A copy of the definition that the memory keeps current until it is closed. */
    public final class Mirror implements AutoCloseable {
        private final MemorySegment target;

        private Mirror(MemorySegment target) {
            this.target = target;
        }

        /** Stops updating the copy; idempotent. Close it before freeing the copy's memory. */
        @Override
        public void close() {
            synchronized (LinearMemory.this) {
                mirrors.removeIf(m -> m == target);
            }
        }
    }

    /**
     * Keeps {@code target}, a 16-byte {@code {u64 base; u64 byteLength}} record (a memory record in
     * an instance's vmctx), equal to the {@link #definition()} from now on: every {@link #grow}
     * updates it before returning, whoever grows the memory. That lets generated code read the
     * length with one load from its own vmctx, even for an imported memory.
     *
     * @throws IllegalStateException if the memory is closed
     */
    public synchronized Mirror mirrorInto(MemorySegment target) {
        checkOpen();
        if (target.byteSize() < DEFINITION_SIZE || target.address() % Long.BYTES != 0) {
            throw new IllegalArgumentException("a memory record is " + DEFINITION_SIZE + " bytes, 8-byte aligned: "
                    + target);
        }
        var record = target.asSlice(0, DEFINITION_SIZE);
        writeDefinition(record, pages * PAGE_SIZE);
        mirrors.add(record);
        return new Mirror(record);
    }

    /**
     * The accessible bytes as a segment, for bulk work (hashing, copying). It does not follow later
     * growth, and it fails once the memory is closed.
     */
    public MemorySegment segment() {
        checkOpen();
        return view;
    }

    public byte readByte(long address) {
        return checked(address, 1).get(ValueLayout.JAVA_BYTE, address);
    }

    public void writeByte(long address, byte value) {
        checked(address, 1).set(ValueLayout.JAVA_BYTE, address, value);
    }

    public short readShort(long address) {
        return checked(address, 2).get(I16, address);
    }

    public void writeShort(long address, short value) {
        checked(address, 2).set(I16, address, value);
    }

    public int readInt(long address) {
        return checked(address, 4).get(I32, address);
    }

    public void writeInt(long address, int value) {
        checked(address, 4).set(I32, address, value);
    }

    public long readLong(long address) {
        return checked(address, 8).get(I64, address);
    }

    public void writeLong(long address, long value) {
        checked(address, 8).set(I64, address, value);
    }

    /** Raw bits, so NaN payloads survive. */
    public float readFloat(long address) {
        return Float.intBitsToFloat(readInt(address));
    }

    public void writeFloat(long address, float value) {
        writeInt(address, Float.floatToRawIntBits(value));
    }

    public double readDouble(long address) {
        return Double.longBitsToDouble(readLong(address));
    }

    public void writeDouble(long address, double value) {
        writeLong(address, Double.doubleToRawLongBits(value));
    }

    /** A copy of {@code [address, address + length)}. */
    public byte[] read(long address, int length) {
        var bytes = new byte[length];
        read(address, bytes, 0, length);
        return bytes;
    }

    public void read(long address, byte[] destination, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, destination.length);
        MemorySegment.copy(checked(address, length), ValueLayout.JAVA_BYTE, address, destination, offset, length);
    }

    public void write(long address, byte[] source) {
        write(address, source, 0, source.length);
    }

    public void write(long address, byte[] source, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, source.length);
        MemorySegment.copy(source, offset, checked(address, length), ValueLayout.JAVA_BYTE, address, length);
    }

    /** Wasm's {@code memory.fill}, with the same bounds rule: nothing is written if any byte is out of bounds. */
    public void fill(long address, long length, byte value) {
        checked(address, length).asSlice(address, length).fill(value);
    }

    /** The current view after checking that {@code [address, address + length)} lies inside it. */
    private MemorySegment checked(long address, long length) {
        checkOpen();
        var segment = view;
        long size = segment.byteSize();
        // unsigned and overflow-safe: address + length must not pass the end
        if (address < 0 || length < 0 || length > size || address > size - length) {
            throw new IndexOutOfBoundsException("out of bounds memory access: %d bytes at %s in a memory of %d bytes"
                    .formatted(length, Long.toUnsignedString(address), size));
        }
        return segment;
    }

    private void checkOpen() {
        if (!arena.scope().isAlive()) {
            throw new IllegalStateException("linear memory is closed");
        }
    }

    public boolean isClosed() {
        return !arena.scope().isAlive();
    }

    /**
     * Invalidates every segment handed out, then unmaps the reservation. Idempotent.
     *
     * @throws IllegalStateException if one of this memory's segments is in use by a native call,
     *     which keeps the arena alive; the memory then stays open
     */
    @Override
    public synchronized void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
        mirrors.clear();
        region.close();
    }

    @Override
    public String toString() {
        return "LinearMemory[0x%x, %d pages of max %d%s%s]".formatted(address(), pages, maxPages,
                memory64 ? ", memory64" : "", isClosed() ? ", closed" : "");
    }
}

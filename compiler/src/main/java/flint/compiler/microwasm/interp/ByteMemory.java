package flint.compiler.microwasm.interp;

import flint.compiler.WasmTrap;
import flint.wasm.model.MemoryType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A 32-bit linear memory in a Java array. Every access is bounds-checked in 64-bit arithmetic
 * (address + offset + size), so no address wraps around. A Java array holds a little under
 * 2 GiB, so this memory cannot grow past {@link #LIMIT_PAGES}: {@code memory.grow} past it
 * fails with -1, which the spec allows.
 */
public final class ByteMemory {
    public static final int PAGE_SIZE = (int) MemoryType.PAGE_SIZE;
    /** The most pages a Java array can hold. */
    public static final long LIMIT_PAGES = (Integer.MAX_VALUE - 8) / PAGE_SIZE;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes;
    private final long maxPages;
    private final boolean declaredMax;

    /**
     * @param minPages the initial size
     * @param maxPages the declared maximum, or -1 for none (then 65536 pages, the 32-bit limit)
     * @throws IllegalArgumentException if {@code minPages} is more than this memory can hold
     */
    public ByteMemory(long minPages, long maxPages) {
        if (minPages > LIMIT_PAGES) {
            throw new IllegalArgumentException("a memory of " + minPages + " pages is more than the interpreter holds ("
                    + LIMIT_PAGES + ")");
        }
        this.bytes = new byte[(int) (minPages * PAGE_SIZE)];
        this.maxPages = maxPages < 0 ? 65536 : maxPages;
        this.declaredMax = maxPages >= 0;
    }

    public long pages() { return bytes.length / PAGE_SIZE; }

    public long byteSize() { return bytes.length; }

    /** The declared maximum in pages (65536 when none was declared). */
    public long maxPages() { return maxPages; }

    /** Whether the memory's type declares a maximum (import matching needs to know). */
    public boolean hasDeclaredMax() { return declaredMax; }

    /** Grows by {@code delta} pages (unsigned); returns the old size in pages, or -1 if it cannot. */
    public int grow(int delta) {
        long old = pages();
        long wanted = old + Integer.toUnsignedLong(delta);
        if (wanted > maxPages || wanted > LIMIT_PAGES) return -1;
        if (delta != 0) bytes = Arrays.copyOf(bytes, (int) (wanted * PAGE_SIZE));
        return (int) old;
    }

    /** {@code memory.copy}: {@code count} bytes from {@code src} to {@code dst} (all u32), overlap allowed; traps before writing. */
    public void copy(int dst, int src, int count) {
        int d = range(dst, count);
        int s = range(src, count);
        System.arraycopy(bytes, s, bytes, d, count);
    }

    /** {@code memory.fill}: {@code count} bytes from {@code dst} (u32) set to {@code value}; traps before writing. */
    public void fill(int dst, byte value, int count) {
        int d = range(dst, count);
        Arrays.fill(bytes, d, d + count, value);
    }

    /** The start index of the range of {@code count} (u32) bytes at {@code address} (u32), or a trap. */
    private int range(int address, int count) {
        long at = Integer.toUnsignedLong(address);
        long end = at + Integer.toUnsignedLong(count);
        if (end > bytes.length) {
            throw new InterpreterTrap(WasmTrap.OUT_OF_BOUNDS_MEMORY, "range of " + Integer.toUnsignedString(count)
                    + " bytes at " + at + " in a memory of " + bytes.length + " bytes");
        }
        return (int) at;
    }

    /** The array index of an access of {@code size} bytes at {@code address} (u32) plus {@code offset}, or a trap. */
    private int index(int address, long offset, int size) {
        long at = Integer.toUnsignedLong(address) + offset;
        if (offset < 0 || at + size > bytes.length) {
            throw new InterpreterTrap(WasmTrap.OUT_OF_BOUNDS_MEMORY, "access of " + size + " bytes at "
                    + Long.toUnsignedString(at) + " in a memory of " + bytes.length + " bytes");
        }
        return (int) at;
    }

    public byte load8(int address, long offset) { return bytes[index(address, offset, 1)]; }

    public short load16(int address, long offset) { return (short) SHORT.get(bytes, index(address, offset, 2)); }

    public int load32(int address, long offset) { return (int) INT.get(bytes, index(address, offset, 4)); }

    public long load64(int address, long offset) { return (long) LONG.get(bytes, index(address, offset, 8)); }

    public void store8(int address, long offset, byte v) { bytes[index(address, offset, 1)] = v; }

    public void store16(int address, long offset, short v) { SHORT.set(bytes, index(address, offset, 2), v); }

    public void store32(int address, long offset, int v) { INT.set(bytes, index(address, offset, 4), v); }

    public void store64(int address, long offset, long v) { LONG.set(bytes, index(address, offset, 8), v); }

    /** Copies {@code data} to {@code offset} (a data segment); traps, writing nothing, if it does not fit. */
    public void write(long offset, byte[] data) {
        if (offset < 0 || offset + data.length > bytes.length) {
            throw new InterpreterTrap(WasmTrap.OUT_OF_BOUNDS_MEMORY, "segment of " + data.length + " bytes at "
                    + offset + " in a memory of " + bytes.length + " bytes");
        }
        System.arraycopy(data, 0, bytes, (int) offset, data.length);
    }

    /** A copy of {@code length} bytes at {@code offset}. */
    public byte[] read(long offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        return Arrays.copyOfRange(bytes, (int) offset, (int) offset + length);
    }
}

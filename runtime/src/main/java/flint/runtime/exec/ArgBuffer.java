package flint.runtime.exec;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * The argument buffer of the entry and host-call convention: an array of 16-byte slots in native
 * memory, one value per slot. The caller writes the parameters into slots {@code 0..n-1}; the
 * callee overwrites slots {@code 0..m-1} with the results. A buffer therefore has
 * {@code max(params, results)} slots.
 *
 * <p>Slot encoding (little-endian, as x86-64 stores them):
 * <ul>
 *   <li>i32, f32: the 32-bit value (f32 as its raw bits) zero-extended to 64 bits in bytes 0..7;
 *   <li>i64, f64, references: the 64-bit value (f64 as raw bits, references as pointer bits) in
 *       bytes 0..7;
 *   <li>v128: bytes 0..15.
 * </ul>
 * Sixteen bytes per slot wastes space for scalars, but it gives every type one slot and one stride
 * so that generated shims address slot {@code i} at {@code buffer + 16*i} without a per-signature
 * layout. Readers of 32-bit values read only bytes 0..3.
 */
public record ArgBuffer(MemorySegment segment) {

    public static final long SLOT_SIZE = 16;
    public static final long ALIGNMENT = 16;

    // Unaligned layouts: a buffer that native code built on its own stack might be only 8-aligned,
    // and on x86-64 an unaligned access costs nothing extra.
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;

    public ArgBuffer {
        Objects.requireNonNull(segment, "segment");
        if (segment.byteSize() % SLOT_SIZE != 0) {
            throw new IllegalArgumentException("an argument buffer is a whole number of 16-byte slots, not "
                    + segment.byteSize() + " bytes");
        }
    }

    /** A zeroed buffer of {@code slots} slots (at least one, so it always has an address). */
    public static ArgBuffer allocate(Arena arena, int slots) {
        if (slots < 0) {
            throw new IllegalArgumentException("negative slot count " + slots);
        }
        return new ArgBuffer(arena.allocate(Math.max(1, slots) * SLOT_SIZE, ALIGNMENT));
    }

    public int slots() {
        return (int) (segment.byteSize() / SLOT_SIZE);
    }

    private static long at(int slot) {
        return slot * SLOT_SIZE;
    }

    public int getI32(int slot) {
        return segment.get(I32, at(slot));
    }

    public ArgBuffer setI32(int slot, int value) {
        segment.set(I64, at(slot), Integer.toUnsignedLong(value));
        return this;
    }

    public long getI64(int slot) {
        return segment.get(I64, at(slot));
    }

    public ArgBuffer setI64(int slot, long value) {
        segment.set(I64, at(slot), value);
        return this;
    }

    public float getF32(int slot) {
        return Float.intBitsToFloat(getI32(slot));
    }

    /** Stores the raw bits, so a NaN's payload survives. */
    public ArgBuffer setF32(int slot, float value) {
        return setI32(slot, Float.floatToRawIntBits(value));
    }

    public double getF64(int slot) {
        return Double.longBitsToDouble(getI64(slot));
    }

    public ArgBuffer setF64(int slot, double value) {
        return setI64(slot, Double.doubleToRawLongBits(value));
    }

    /** A pointer-sized value: a function or code address, a reference. */
    public MemorySegment getAddress(int slot) {
        return MemorySegment.ofAddress(getI64(slot));
    }

    public ArgBuffer setAddress(int slot, MemorySegment address) {
        return setI64(slot, address.address());
    }

    /** The slot's 16 bytes (a v128). */
    public byte[] getV128(int slot) {
        return segment.asSlice(at(slot), SLOT_SIZE).toArray(ValueLayout.JAVA_BYTE);
    }

    public ArgBuffer setV128(int slot, byte[] value) {
        if (value.length != SLOT_SIZE) {
            throw new IllegalArgumentException("a v128 is 16 bytes, not " + value.length);
        }
        MemorySegment.copy(value, 0, segment, ValueLayout.JAVA_BYTE, at(slot), value.length);
        return this;
    }

    /** Zeroes every slot. */
    public ArgBuffer clear() {
        segment.fill((byte) 0);
        return this;
    }
}

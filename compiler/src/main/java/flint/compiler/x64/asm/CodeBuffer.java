package flint.compiler.x64.asm;

import java.util.Arrays;

/**
 * A growable little-endian byte buffer with in-place patching and NOP padding. Knows nothing about
 * instructions.
 */
public final class CodeBuffer {
    /**
     * The recommended multi-byte NOPs (Intel SDM vol. 2B, "NOP", table 4-12), indexed by length - 1.
     * One long NOP decodes faster than a run of single-byte ones.
     */
    private static final byte[][] NOPS = {
        {(byte) 0x90},
        {0x66, (byte) 0x90},
        {0x0F, 0x1F, 0x00},
        {0x0F, 0x1F, 0x40, 0x00},
        {0x0F, 0x1F, 0x44, 0x00, 0x00},
        {0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00},
        {0x0F, 0x1F, (byte) 0x80, 0x00, 0x00, 0x00, 0x00},
        {0x0F, 0x1F, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x0F, 0x1F, (byte) 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
    };

    /** The longest NOP {@link #nop(int)} emits as one instruction. */
    public static final int MAX_NOP = NOPS.length;

    private byte[] bytes;
    private int size;

    public CodeBuffer() {
        this(1024);
    }

    public CodeBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    public int position() {
        return size;
    }

    public void emit8(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    public void emit16(int v) {
        ensure(2);
        bytes[size++] = (byte) v;
        bytes[size++] = (byte) (v >>> 8);
    }

    public void emit32(int v) {
        ensure(4);
        write32(size, v);
        size += 4;
    }

    public void emit64(long v) {
        emit32((int) v);
        emit32((int) (v >>> 32));
    }

    public void emitBytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    public void patch8(int at, int v) {
        checkPatch(at, 1);
        bytes[at] = (byte) v;
    }

    public void patch32(int at, int v) {
        checkPatch(at, 4);
        write32(at, v);
    }

    public int read32(int at) {
        checkPatch(at, 4);
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16
                | (bytes[at + 3] & 0xFF) << 24;
    }

    /** Emits {@code length} bytes of NOPs, using as few instructions as possible. */
    public void nop(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative NOP length " + length);
        }
        while (length > 0) {
            int n = Math.min(length, MAX_NOP);
            emitBytes(NOPS[n - 1]);
            length -= n;
        }
    }

    /** Pads with NOPs to a multiple of {@code alignment} (a power of two). */
    public void alignWithNops(int alignment) {
        if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two: " + alignment);
        }
        nop(-size & (alignment - 1));
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void write32(int at, int v) {
        bytes[at] = (byte) v;
        bytes[at + 1] = (byte) (v >>> 8);
        bytes[at + 2] = (byte) (v >>> 16);
        bytes[at + 3] = (byte) (v >>> 24);
    }

    private void checkPatch(int at, int width) {
        if (at < 0 || at + width > size) {
            throw new IndexOutOfBoundsException("patch at " + at + " outside code of size " + size);
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}

package flint.wasm.binary;

import static flint.wasm.binary.MalformedModuleException.*;

/**
 * A cursor over a slice of a byte array with the binary format's primitive encodings: bytes,
 * LEB128 integers, little-endian floats, lengths and names. Every failure is a
 * {@link MalformedModuleException} carrying a module offset: {@code base + index}, where
 * {@code base} is the module offset of array index 0 (0 for a whole module, the body's offset for
 * a function body's code array).
 *
 * <p>The LEB128 rules are the spec's (and the reference interpreter's, whose messages the
 * testsuite expects): an N-bit integer takes at most ceil(N/7) bytes ("integer representation too
 * long" for a longer one), and the unused bits of the last byte must be zero, or for signed
 * integers copies of the sign bit ("integer too large").
 */
public final class ByteReader {
    private final byte[] bytes;
    private final int end;
    private final int base;
    private int pos;

    /** Reads a whole module. */
    public ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length, 0);
    }

    /** Reads {@code bytes[start..end)}; {@code base} is the module offset of {@code bytes[0]}. */
    public ByteReader(byte[] bytes, int start, int end, int base) {
        if (start < 0 || end > bytes.length || start > end) throw new IndexOutOfBoundsException("bad slice " + start + ".." + end);
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
        this.base = base;
    }

    /** The array index of the next byte. */
    public int position() { return pos; }

    /** Moves to an array index within the slice (used to retry an alternative reading). */
    public void position(int index) {
        if (index < 0 || index > end) throw new IndexOutOfBoundsException(index);
        pos = index;
    }

    /** The array index where the slice ends. */
    public int end() { return end; }

    /** The module offset of the next byte. */
    public int offset() { return base + pos; }

    /** The module offset of an array index. */
    public int offsetOf(int index) { return base + index; }

    public boolean atEnd() { return pos >= end; }

    public int remaining() { return end - pos; }

    /** The underlying array (not copied). */
    byte[] array() { return bytes; }

    /** An exception for a problem found at array index {@code index}. */
    public MalformedModuleException error(String wording, int index) {
        return new MalformedModuleException(wording, base + index);
    }

    public MalformedModuleException error(String wording, String detail, int index) {
        return new MalformedModuleException(wording, detail, base + index);
    }

    /** The next byte without consuming it, or -1 at the end. */
    public int peek() {
        return pos < end ? bytes[pos] & 0xFF : -1;
    }

    /** One raw byte. */
    public int u8() {
        if (pos >= end) throw error(UNEXPECTED_END_OF_SECTION, pos);
        return bytes[pos++] & 0xFF;
    }

    public void skip(int n) {
        if (n < 0 || n > end - pos) throw error(UNEXPECTED_END_OF_SECTION, n < 0 ? pos : end);
        pos += n;
    }

    /** {@code n} raw bytes, copied. */
    public byte[] bytes(int n) {
        int from = pos;
        skip(n);
        var out = new byte[n];
        System.arraycopy(bytes, from, out, 0, n);
        return out;
    }

    /** A little-endian 32-bit word (f32 bits). */
    public int word32() {
        if (end - pos < 4) throw error(UNEXPECTED_END_OF_SECTION, end);
        int v = (bytes[pos] & 0xFF) | (bytes[pos + 1] & 0xFF) << 8 | (bytes[pos + 2] & 0xFF) << 16 | (bytes[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** A little-endian 64-bit word (f64 bits, v128 halves). */
    public long word64() {
        long lo = word32() & 0xFFFFFFFFL;
        long hi = word32() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    /** An unsigned 32-bit LEB128 integer; values above 2^31-1 come back negative (callers treat indices as unsigned). */
    public int u32() {
        if (pos < end) {
            int b = bytes[pos];
            if (b >= 0) { // the one-byte case, which is nearly every index
                pos++;
                return b;
            }
        }
        return (int) leb(32, false);
    }

    /** An unsigned 32-bit LEB128 integer as a non-negative long. */
    public long u32AsLong() {
        return u32() & 0xFFFFFFFFL;
    }

    public long u64() { return leb(64, false); }

    public int s32() { return (int) leb(32, true); }

    /** A signed 33-bit integer (block types and heap types: type indices or negative type codes). */
    public long s33() { return leb(33, true); }

    public long s64() { return leb(64, true); }

    /** A signed 7-bit integer: one byte, since a continuation bit makes the representation too long. */
    public int s7() { return (int) leb(7, true); }

    private long leb(int bits, boolean signed) {
        long result = 0;
        int shift = 0;
        for (int remaining = bits; ; remaining -= 7) {
            if (remaining <= 0) throw error(INTEGER_TOO_LONG, pos);
            int b = u8();
            if (remaining < 7) {
                // The last byte: bits beyond the integer's width must be zero (unsigned) or
                // copies of the sign bit (signed).
                if (signed) {
                    int mask = (-1 << (remaining - 1)) & 0x7F;
                    int high = b & mask;
                    if (high != 0 && high != mask) throw error(INTEGER_TOO_LARGE, pos - 1);
                } else if ((b & 0x7F) >= 1 << remaining) {
                    throw error(INTEGER_TOO_LARGE, pos - 1);
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (signed && shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
                return result;
            }
        }
    }

    /**
     * A length (u32) that must not exceed the bytes left; like the reference interpreter, the
     * bytes of the length itself count as left ("length out of bounds" otherwise). This check is
     * also what keeps a huge declared count from allocating more than the input can fill.
     */
    public int len32() {
        int at = pos;
        long n = u32AsLong();
        if (n > end - at) throw error(LENGTH_OUT_OF_BOUNDS, at);
        return (int) n;
    }

    /** A name: a length-prefixed, strictly valid UTF-8 string ("malformed UTF-8 encoding"). */
    public String name() {
        int at = pos;
        int n = len32();
        int from = pos;
        skip(n);
        if (!Utf8.isValid(bytes, from, from + n)) throw error(MALFORMED_UTF8, at);
        return new String(bytes, from, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}

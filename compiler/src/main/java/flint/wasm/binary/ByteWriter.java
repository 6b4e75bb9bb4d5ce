package flint.wasm.binary;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with the binary format's primitive encodings: LEB128 integers (always
 * in their shortest form), little-endian words, length-prefixed byte strings and names.
 */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    public ByteWriter() { this(64); }

    public ByteWriter(int capacity) { buf = new byte[Math.max(capacity, 16)]; }

    public int size() { return size; }

    public byte[] toByteArray() { return Arrays.copyOf(buf, size); }

    /** Forgets everything written, keeping the buffer. */
    public void reset() { size = 0; }

    private void ensure(int more) {
        if (size + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }

    public ByteWriter u8(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public ByteWriter bytes(byte[] b) { return bytes(b, 0, b.length); }

    public ByteWriter bytes(byte[] b, int from, int length) {
        ensure(length);
        System.arraycopy(b, from, buf, size, length);
        size += length;
        return this;
    }

    /** Appends everything another writer holds. */
    public ByteWriter bytes(ByteWriter other) { return bytes(other.buf, 0, other.size); }

    /** An unsigned 32-bit LEB128; the int is taken as unsigned (indices above 2^31-1 are negative ints). */
    public ByteWriter u32(int v) { return u64(v & 0xFFFFFFFFL); }

    /** An unsigned LEB128 of a 64-bit value taken as unsigned. */
    public ByteWriter u64(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter s32(int v) { return s64(v); }

    /** A signed LEB128 (s33 and s64 alike: the shortest form of the value). */
    public ByteWriter s64(long v) {
        ensure(10);
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
                buf[size++] = (byte) b;
                return this;
            }
            buf[size++] = (byte) (b | 0x80);
        }
    }

    public ByteWriter word32(int v) {
        ensure(4);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 24);
        return this;
    }

    public ByteWriter word64(long v) {
        word32((int) v);
        return word32((int) (v >>> 32));
    }

    /** A u32 length, then the bytes. */
    public ByteWriter byteString(byte[] b) {
        u32(b.length);
        return bytes(b);
    }

    /** A name: its UTF-8 bytes, length-prefixed. Strings that are not valid Unicode (lone surrogates) are rejected. */
    public ByteWriter name(String s) {
        return byteString(utf8(s));
    }

    static byte[] utf8(String s) {
        try {
            var encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(java.nio.CharBuffer.wrap(s));
            var out = new byte[encoded.remaining()];
            encoded.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("name is not valid Unicode (lone surrogate?): " + s.codePoints().count() + " code points", e);
        }
    }
}

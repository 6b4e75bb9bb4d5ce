package flint.wasm.binary;

import static flint.wasm.binary.Bytes.hex;
import static flint.wasm.binary.MalformedModuleException.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.function.ToLongFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** LEB128 decoding and encoding at the edges of each width. */
class LebTest {
    private static long read(String hex, ToLongFunction<ByteReader> f) {
        var r = new ByteReader(hex(hex));
        long v = f.applyAsLong(r);
        assertTrue(r.atEnd(), "trailing bytes");
        return v;
    }

    private static void fails(String hex, ToLongFunction<ByteReader> f, String wording, int offset) {
        var e = assertThrows(MalformedModuleException.class, () -> f.applyAsLong(new ByteReader(hex(hex))));
        assertEquals(wording, e.wording(), e.getMessage());
        assertEquals(offset, e.offset());
    }

    @Test
    void u32() {
        assertEquals(0, read("00", ByteReader::u32));
        assertEquals(624485, read("e5 8e 26", ByteReader::u32));
        assertEquals(0, read("80 80 80 80 00", ByteReader::u32)); // padded: allowed up to 5 bytes
        assertEquals(0xFFFFFFFFL, read("ff ff ff ff 0f", ByteReader::u32AsLong));
        fails("ff ff ff ff 1f", ByteReader::u32, INTEGER_TOO_LARGE, 4);
        fails("80 80 80 80 80 00", ByteReader::u32, INTEGER_TOO_LONG, 5);
        fails("80 80", ByteReader::u32, UNEXPECTED_END_OF_SECTION, 2);
    }

    @Test
    void s32() {
        assertEquals(-1, read("7f", ByteReader::s32));
        assertEquals(63, read("3f", ByteReader::s32));
        assertEquals(-64, read("40", ByteReader::s32));
        assertEquals(Integer.MIN_VALUE, read("80 80 80 80 78", ByteReader::s32));
        assertEquals(Integer.MAX_VALUE, read("ff ff ff ff 07", ByteReader::s32));
        assertEquals(-1, read("ff ff ff ff 7f", ByteReader::s32));
        fails("ff ff ff ff 0f", ByteReader::s32, INTEGER_TOO_LARGE, 4); // 2^32 - 1 is not an s32
        fails("80 80 80 80 70", ByteReader::s32, INTEGER_TOO_LARGE, 4);
        fails("ff ff ff ff ff 7f", ByteReader::s32, INTEGER_TOO_LONG, 5);
    }

    @Test
    void s33() {
        assertEquals(0xFFFFFFFFL, read("ff ff ff ff 0f", ByteReader::s33));
        assertEquals(-(1L << 32), read("80 80 80 80 70", ByteReader::s33));
        fails("ff ff ff ff 1f", ByteReader::s33, INTEGER_TOO_LARGE, 4);
    }

    @Test
    void sixtyFourBit() {
        assertEquals(Long.MIN_VALUE, read("80 80 80 80 80 80 80 80 80 7f", ByteReader::s64));
        assertEquals(Long.MAX_VALUE, read("ff ff ff ff ff ff ff ff ff 00", ByteReader::s64));
        assertEquals(-1L, read("ff ff ff ff ff ff ff ff ff 01", ByteReader::u64));
        fails("ff ff ff ff ff ff ff ff ff 01", ByteReader::s64, INTEGER_TOO_LARGE, 9);
        fails("ff ff ff ff ff ff ff ff ff 02", ByteReader::u64, INTEGER_TOO_LARGE, 9);
        fails("80 80 80 80 80 80 80 80 80 80 00", ByteReader::u64, INTEGER_TOO_LONG, 10);
    }

    @Test
    void s7IsOneByte() {
        assertEquals(-0x10, read("70", ByteReader::s7));
        fails("ff 7f", ByteReader::s7, INTEGER_TOO_LONG, 1);
    }

    @Test
    void lengthsCountTheirOwnBytesAsLeft() {
        // Like the reference interpreter: the length is compared with what is left before it.
        assertEquals(3, read("03 00 00", r -> { int n = r.len32(); r.skip(2); return n; }));
        fails("04 00 00", ByteReader::len32, LENGTH_OUT_OF_BOUNDS, 0);
    }

    @Property(tries = 300)
    void signedRoundTrip(@ForAll long v) {
        var w = new ByteWriter().s64(v);
        assertEquals(v, new ByteReader(w.toByteArray()).s64());
        var w32 = new ByteWriter().s32((int) v);
        assertEquals((int) v, new ByteReader(w32.toByteArray()).s32());
    }

    @Property(tries = 300)
    void unsignedRoundTrip(@ForAll long v) {
        assertEquals(v, new ByteReader(new ByteWriter().u64(v).toByteArray()).u64());
        assertEquals((int) v, new ByteReader(new ByteWriter().u32((int) v).toByteArray()).u32());
    }

    @Test
    void writerUsesTheShortestForm() {
        assertEquals("3f", Bytes.toHex(new ByteWriter().s64(63).toByteArray()));
        assertEquals("c0 00", Bytes.toHex(new ByteWriter().s64(64).toByteArray()));
        assertEquals("40", Bytes.toHex(new ByteWriter().s64(-64).toByteArray()));
        assertEquals("bf 7f", Bytes.toHex(new ByteWriter().s64(-65).toByteArray()));
        assertEquals("ff ff ff ff 0f", Bytes.toHex(new ByteWriter().u32(-1).toByteArray()));
    }

    @Test
    void utf8() {
        assertEquals("héllo 🦀", new ByteReader(new ByteWriter().name("héllo 🦀").toByteArray()).name());
        for (var bad : new String[] {"01 80", "02 c1 bf", "03 e0 9f bf", "03 ed bf bf", "04 f4 90 80 80", "01 f8", "02 e2 82"}) {
            fails(bad, r -> r.name().length(), MALFORMED_UTF8, 0);
        }
        assertThrows(IllegalArgumentException.class, () -> new ByteWriter().name("\uD800"));
    }
}

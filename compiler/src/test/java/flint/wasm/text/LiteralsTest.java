package flint.wasm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiteralsTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0", "4294967295, -1", "0xffff_ffff, -1", "-2147483648, -2147483648", "-0x8000_0000, -2147483648",
        "+2147483647, 2147483647", "2147483648, -2147483648", "-0, 0",
    })
    void i32(String text, int expected) {
        assertEquals(expected, (int) (long) Literals.integer(text, 32));
    }

    @ParameterizedTest
    @CsvSource({"4294967296", "-2147483649", "0x1_0000_0000", "18446744073709551616"})
    void i32OutOfRange(String text) {
        assertNull(Literals.integer(text, 32));
    }

    @Test
    void i64Extremes() {
        assertEquals(-1L, Literals.integer("18446744073709551615", 64));
        assertEquals(Long.MIN_VALUE, Literals.integer("-9223372036854775808", 64));
        assertNull(Literals.integer("18446744073709551616", 64));
        assertNull(Literals.integer("-9223372036854775809", 64));
        assertEquals(255L, Literals.integer("-1", 8) & 0xFF);
        assertNull(Literals.integer("256", 8));
        assertNull(Literals.integer("-129", 8));
    }

    @ParameterizedTest
    @CsvSource({
        // ties to even, subnormals, the largest finite values, signed zeros
        "0x1.000001p0, 0x3f800000", "0x1.000003p0, 0x3f800002", "16777217, 0x4b800000", "16777219, 0x4b800002",
        "0x1p-149, 0x00000001", "0x1p-150, 0x00000000", "0x1.8p-150, 0x00000001", "0x1.fffffep127, 0x7f7fffff",
        "0x1.fffffefffffffffffp127, 0x7f7fffff", "-0, 0x80000000", "-0.0, 0x80000000", "inf, 0x7f800000",
        "-inf, 0xff800000", "nan, 0x7fc00000", "-nan, 0xffc00000", "nan:0x1, 0x7f800001", "-nan:0x7fffff, 0xffffffff",
        "1.1754942e-38, 0x007fffff", "3.4028234e38, 0x7f7fffff", "1e-46, 0x00000000", "0.1, 0x3dcccccd",
    })
    void f32(String text, String bits) {
        assertEquals(Integer.parseUnsignedInt(bits.substring(2), 16), (int) Literals.f32(text));
    }

    @Test
    void underscoresSeparateDigitsOnly() {
        assertEquals(Literals.f32("1000.0001"), Literals.f32("1_000.000_1"));
        assertEquals(Literals.f64("0x1234.5678p9"), Literals.f64("0x12_34.56_78p0_9"));
        assertEquals(Literals.integer("1000000", 32), Literals.integer("1_000_000", 32));
    }

    @ParameterizedTest
    @CsvSource({"0x1.ffffffp127", "1e39", "3.4028236e38", "nan:0x0", "nan:0x800000", "-0x1p128"})
    void f32OutOfRange(String text) {
        assertNull(Literals.f32(text));
    }

    @ParameterizedTest
    @CsvSource({
        "0x1p-1074, 0x0000000000000001", "0x1p-1075, 0x0000000000000000", "1.7976931348623157e308, 0x7fefffffffffffff",
        "0x1.fffffffffffffp1023, 0x7fefffffffffffff", "nan:0xf_ffff_ffff_ffff, 0x7fffffffffffffff",
        "-nan, 0xfff8000000000000", "4.9e-324, 0x0000000000000001", "0x1.00000000000008p0, 0x3ff0000000000000",
    })
    void f64(String text, String bits) {
        assertEquals(Long.parseUnsignedLong(bits.substring(2), 16), (long) Literals.f64(text));
    }

    @ParameterizedTest
    @CsvSource({"1.7976931348623159e308", "0x1.fffffffffffff8p1023", "1e309", "nan:0x10_0000_0000_0000"})
    void f64OutOfRange(String text) {
        assertNull(Literals.f64(text));
    }

    @Property
    void f32ShortestDecimalReadsBack(@ForAll int bits) {
        float f = Float.intBitsToFloat(bits);
        if (Float.isNaN(f) || Float.isInfinite(f)) return;
        assertEquals(bits, (int) Literals.f32(Float.toString(f)));
        assertEquals(bits, (int) Literals.f32(Float.toHexString(f)));
    }

    @Property
    void f64ShortestDecimalReadsBack(@ForAll long bits) {
        double d = Double.longBitsToDouble(bits);
        if (Double.isNaN(d) || Double.isInfinite(d)) return;
        assertEquals(bits, (long) Literals.f64(Double.toString(d)));
        assertEquals(bits, (long) Literals.f64(Double.toHexString(d)));
    }

    /** Decimal text with more digits than needed rounds like Java's correctly rounded parser. */
    @Property
    void longDecimalsRoundCorrectly(@ForAll long mantissa, @ForAll("exponents") int exponent) {
        String text = Long.toUnsignedString(mantissa) + "e" + exponent;
        double d = Double.parseDouble(text);
        if (!Double.isInfinite(d)) assertEquals(Double.doubleToRawLongBits(d), (long) Literals.f64(text));
        float f = Float.parseFloat(text);
        if (!Float.isInfinite(f)) assertEquals(Float.floatToRawIntBits(f), (int) Literals.f32(text));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> exponents() {
        return net.jqwik.api.Arbitraries.integers().between(-360, 330);
    }
}

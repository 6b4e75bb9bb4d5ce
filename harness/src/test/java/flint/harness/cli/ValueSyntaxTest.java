package flint.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import flint.wasm.value.Value;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueSyntaxTest {

    private static Value parse(ValType type, String text) {
        return ValueSyntax.parse(type, text);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0", "-1, -1", "4294967295, -1", "2147483647, 2147483647", "-2147483648, -2147483648",
        "0x7fffffff, 2147483647", "0xFFFFFFFF, -1", "-0x80000000, -2147483648", "1_000, 1000", "+5, 5",
    })
    void i32(String text, int expected) {
        assertEquals(new Value.I32(expected), parse(NumType.I32, text));
    }

    @ParameterizedTest
    @CsvSource({"4294967296", "-2147483649", "0x100000000", "1.0", "x", "''", "0x", "--1", "1e3"})
    void badI32(String text) {
        assertThrows(IllegalArgumentException.class, () -> parse(NumType.I32, text));
    }

    @Test void i64() {
        assertEquals(new Value.I64(-1), parse(NumType.I64, "18446744073709551615"));
        assertEquals(new Value.I64(Long.MIN_VALUE), parse(NumType.I64, "-9223372036854775808"));
        assertThrows(IllegalArgumentException.class, () -> parse(NumType.I64, "18446744073709551616"));
    }

    @ParameterizedTest
    @CsvSource({
        "1.5, 0x3fc00000", "-0, 0x80000000", "0x1p-149, 0x00000001", "0x10, 0x41800000", "inf, 0x7f800000",
        "-inf, 0xff800000", "nan, 0x7fc00000", "-nan, 0xffc00000", "nan:0x1, 0x7f800001",
        "bits:0x7fa00001, 0x7fa00001", "NaN, 0x7fc00000", "3.4028235e38, 0x7f7fffff", "1e-50, 0x00000000", ".5, 0x3f000000",
    })
    void f32(String text, String bits) {
        assertEquals(new Value.F32(Integer.parseUnsignedInt(bits.substring(2), 16)), parse(NumType.F32, text));
    }

    @ParameterizedTest
    @CsvSource({"1e39", "nan:0x0", "nan:0x800000", "bits:0x100000000", "1.5f", "Infinity", "0x1.8q3", "''"})
    void badF32(String text) {
        assertThrows(IllegalArgumentException.class, () -> parse(NumType.F32, text));
    }

    @Test void f64() {
        assertEquals(Value.f64(0.1), parse(NumType.F64, "0.1"));
        assertEquals(new Value.F64(0x7FF4_0000_0000_0000L), parse(NumType.F64, "nan:0x4000000000000"));
        assertEquals(new Value.F64(0xFFF0_0000_0000_0000L), parse(NumType.F64, "-inf"));
        assertEquals(Value.f64(1e300), parse(NumType.F64, "1e300"));
        assertThrows(IllegalArgumentException.class, () -> parse(NumType.F64, "1e309"));
    }

    @Test void v128() {
        assertEquals(new Value.V128(0x0807_0605_0403_0201L, 0x100F_0E0D_0C0B_0A09L),
                parse(VecType.V128, "0x100f0e0d0c0b0a090807060504030201"));
        assertEquals(new Value.V128(1, 0), parse(VecType.V128, "0x1"));
        assertThrows(IllegalArgumentException.class, () -> parse(VecType.V128, "0x1" + "0".repeat(32)));
    }

    @Test void references() {
        assertEquals(Value.FuncRef.NULL, parse(RefType.FUNCREF, "null"));
        assertEquals(Value.ExternRef.NULL, parse(RefType.EXTERNREF, "null"));
        assertEquals(new Value.ExternRef(7L), parse(RefType.EXTERNREF, "7"));
        assertThrows(IllegalArgumentException.class, () -> parse(RefType.FUNCREF, "0"));
        assertThrows(IllegalArgumentException.class, () -> parse(RefType.EXTERNREF, "-1"));
    }

    @Test void formats() {
        assertEquals("i32:-1", ValueSyntax.format(Value.i32(-1)));
        assertEquals("f32:nan", ValueSyntax.format(new Value.F32(0x7FC0_0000)));
        assertEquals("f32:-nan:0x1", ValueSyntax.format(new Value.F32(0xFF80_0001)));
        assertEquals("f64:inf", ValueSyntax.format(Value.f64(Double.POSITIVE_INFINITY)));
        assertEquals("f64:1.0E-300", ValueSyntax.format(Value.f64(1e-300)));
        assertEquals("v128:0x00000000000000020000000000000001", ValueSyntax.format(new Value.V128(1, 2)));
        assertEquals("externref:null", ValueSyntax.format(Value.ExternRef.NULL));
    }

    @Property void f32RoundTrips(@ForAll int bits) {
        var value = new Value.F32(bits);
        assertEquals(value, roundTrip(value));
    }

    @Property void f64RoundTrips(@ForAll long bits) {
        var value = new Value.F64(bits);
        assertEquals(value, roundTrip(value));
    }

    @Property void integersRoundTrip(@ForAll int i, @ForAll long l) {
        assertEquals(Value.i32(i), roundTrip(Value.i32(i)));
        assertEquals(Value.i64(l), roundTrip(Value.i64(l)));
    }

    @Property void v128RoundTrips(@ForAll long low, @ForAll long high) {
        var value = new Value.V128(low, high);
        assertEquals(value, roundTrip(value));
    }

    private static Value roundTrip(Value value) {
        String text = ValueSyntax.format(value);
        return ValueSyntax.parse(value.type(), text.substring(text.indexOf(':') + 1));
    }
}

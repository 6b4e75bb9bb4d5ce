package flint.harness.cli;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import flint.wasm.value.Value;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The command line's syntax for values, close to the text format's so that constants can be
 * copied from .wat and .wast files, and round-tripping: whatever {@link #format} prints,
 * {@link #parse} reads back to the same bits. {@link #HELP} documents it.
 */
final class ValueSyntax {
    private ValueSyntax() {}

    static final String HELP = """
            Argument syntax, by parameter type (underscores between digits are ignored):
              i32, i64   decimal, signed or unsigned (-1 and 4294967295 are the same i32),
                         or hexadecimal 0x..., optionally negative
              f32, f64   decimal (1.5, -2e-3), text-format hexadecimal (0x1.8p3, 0x10),
                         inf, -inf, nan (canonical), nan:0x<payload>, -nan...,
                         or the raw bit pattern as bits:0x<hex> (bits:0x7fc00001)
              v128       0x followed by up to 32 hex digits, most significant byte first
              funcref    null
              externref  null, or a non-negative integer N (like ref.extern N)
            Results print one per line as type:value in the same syntax, integers as signed.""";

    private static final Pattern DECIMAL_FLOAT = Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX_FLOAT = Pattern.compile("0[xX]([0-9a-fA-F]+(\\.[0-9a-fA-F]*)?|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?");
    private static final Pattern HEX_DIGITS = Pattern.compile("[0-9a-fA-F]+");

    /**
     * The value {@code text} denotes as a {@code type}.
     *
     * @throws IllegalArgumentException saying why it does not
     */
    static Value parse(ValType type, String text) {
        String t = stripUnderscores(text);
        return switch (type) {
            case NumType n -> switch (n) {
                case I32 -> new Value.I32((int) integer(t, 32, text).longValue());
                case I64 -> new Value.I64(integer(t, 64, text).longValue());
                case F32 -> new Value.F32(f32(t, text));
                case F64 -> new Value.F64(f64(t, text));
            };
            case VecType v -> v128(t, text);
            case RefType r -> ref(r, t, text);
        };
    }

    private static String stripUnderscores(String text) {
        // the text format allows one underscore between digits; be lenient and drop them all
        return text.replace("_", "");
    }

    /** A decimal or hex integer in the signed or unsigned range of {@code bits} bits. */
    private static BigInteger integer(String t, int bits, String original) {
        boolean negative = t.startsWith("-");
        String magnitude = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        BigInteger value;
        try {
            value = magnitude.regionMatches(true, 0, "0x", 0, 2)
                    ? new BigInteger(requireHex(magnitude.substring(2), original), 16)
                    : new BigInteger(requireDecimal(magnitude, original));
        } catch (NumberFormatException e) {
            throw notA("i" + bits, original);
        }
        if (negative) {
            value = value.negate();
        }
        var min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        var maxUnsigned = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (value.compareTo(min) < 0 || value.compareTo(maxUnsigned) > 0) {
            throw new IllegalArgumentException("'" + original + "' is out of range for i" + bits);
        }
        return value;
    }

    private static String requireHex(String digits, String original) {
        if (!HEX_DIGITS.matcher(digits).matches()) {
            throw new NumberFormatException(original);
        }
        return digits;
    }

    private static String requireDecimal(String digits, String original) {
        if (!digits.chars().allMatch(Character::isDigit) || digits.isEmpty()) {
            throw new NumberFormatException(original);
        }
        return digits;
    }

    private static int f32(String t, String original) {
        if (t.startsWith("bits:")) {
            return (int) rawBits(t.substring(5), 32, original);
        }
        boolean negative = t.startsWith("-");
        String m = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        int sign = negative ? 0x8000_0000 : 0;
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.equals("inf")) {
            return sign | 0x7F80_0000;
        }
        if (lower.equals("nan")) {
            return sign | 0x7FC0_0000;
        }
        if (lower.startsWith("nan:0x")) {
            long payload = rawBits(lower.substring(4), 23, original);
            if (payload == 0) {
                throw new IllegalArgumentException("'" + original + "': a NaN payload must not be 0");
            }
            return sign | 0x7F80_0000 | (int) payload;
        }
        float f;
        if (HEX_FLOAT.matcher(m).matches()) {
            f = Float.parseFloat(withExponent(m));
        } else if (DECIMAL_FLOAT.matcher(m).matches()) {
            f = Float.parseFloat(m);
        } else {
            throw notA("f32", original);
        }
        if (Float.isInfinite(f)) {
            throw new IllegalArgumentException("'" + original + "' is out of range for f32");
        }
        return sign | Float.floatToRawIntBits(f);
    }

    private static long f64(String t, String original) {
        if (t.startsWith("bits:")) {
            return rawBits(t.substring(5), 64, original);
        }
        boolean negative = t.startsWith("-");
        String m = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        long sign = negative ? Long.MIN_VALUE : 0;
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.equals("inf")) {
            return sign | 0x7FF0_0000_0000_0000L;
        }
        if (lower.equals("nan")) {
            return sign | 0x7FF8_0000_0000_0000L;
        }
        if (lower.startsWith("nan:0x")) {
            long payload = rawBits(lower.substring(4), 52, original);
            if (payload == 0) {
                throw new IllegalArgumentException("'" + original + "': a NaN payload must not be 0");
            }
            return sign | 0x7FF0_0000_0000_0000L | payload;
        }
        double d;
        if (HEX_FLOAT.matcher(m).matches()) {
            d = Double.parseDouble(withExponent(m));
        } else if (DECIMAL_FLOAT.matcher(m).matches()) {
            d = Double.parseDouble(m);
        } else {
            throw notA("f64", original);
        }
        if (Double.isInfinite(d)) {
            throw new IllegalArgumentException("'" + original + "' is out of range for f64");
        }
        return sign | Double.doubleToRawLongBits(d);
    }

    /** Java needs the binary exponent that the text format lets hex floats omit. */
    private static String withExponent(String hex) {
        return hex.indexOf('p') >= 0 || hex.indexOf('P') >= 0 ? hex : hex + "p0";
    }

    /** {@code 0x...} fitting in {@code bits} bits, as an unsigned pattern. */
    private static long rawBits(String t, int bits, String original) {
        if (!t.regionMatches(true, 0, "0x", 0, 2) || !HEX_DIGITS.matcher(t.substring(2)).matches()) {
            throw new IllegalArgumentException("'" + original + "': expected 0x followed by hex digits");
        }
        var value = new BigInteger(t.substring(2), 16);
        if (value.bitLength() > bits) {
            throw new IllegalArgumentException("'" + original + "' does not fit in " + bits + " bits");
        }
        return value.longValue();
    }

    private static Value v128(String t, String original) {
        long[] halves = new long[2];
        if (!t.regionMatches(true, 0, "0x", 0, 2) || !HEX_DIGITS.matcher(t.substring(2)).matches()) {
            throw notA("v128", original);
        }
        var value = new BigInteger(t.substring(2), 16);
        if (value.bitLength() > 128) {
            throw new IllegalArgumentException("'" + original + "' does not fit in 128 bits");
        }
        halves[0] = value.longValue();
        halves[1] = value.shiftRight(64).longValue();
        return new Value.V128(halves[0], halves[1]);
    }

    private static Value ref(RefType type, String t, String original) {
        AbsHeapType top = type.heap() instanceof AbsHeapType abs ? abs.top() : AbsHeapType.FUNC;
        boolean isNull = t.equals("null");
        return switch (top) {
            case FUNC -> {
                if (!isNull) {
                    throw new IllegalArgumentException("'" + original + "': a " + type.text()
                            + " argument can only be null on the command line");
                }
                yield Value.FuncRef.NULL;
            }
            case EXTERN -> {
                if (isNull) {
                    yield Value.ExternRef.NULL;
                }
                if (t.isEmpty() || !t.chars().allMatch(Character::isDigit)) {
                    throw notA(type.text() + " (null or a non-negative integer)", original);
                }
                try {
                    yield new Value.ExternRef(Long.parseLong(t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + original + "' is out of range for an externref number");
                }
            }
            case EXN -> {
                if (!isNull) {
                    throw new IllegalArgumentException("'" + original + "': an exnref argument can only be null");
                }
                yield Value.ExnRef.NULL;
            }
            default -> throw new IllegalArgumentException(type.text() + " arguments are not supported");
        };
    }

    private static IllegalArgumentException notA(String what, String original) {
        return new IllegalArgumentException("'" + original + "' is not a valid " + what);
    }

    /** {@code type:value}, e.g. {@code i32:-1}, {@code f32:nan:0x200000}, {@code externref:null}. */
    static String format(Value value) {
        return value.type().text() + ":" + formatBare(value);
    }

    private static String formatBare(Value value) {
        return switch (value) {
            case Value.I32(int v) -> Integer.toString(v);
            case Value.I64(long v) -> Long.toString(v);
            case Value.F32(int bits) -> formatF32(bits);
            case Value.F64(long bits) -> formatF64(bits);
            case Value.V128(long low, long high) -> String.format("0x%016x%016x", high, low);
            case Value.FuncRef f -> f.isNull() ? "null" : "ref.func";
            case Value.ExternRef e -> e.isNull() ? "null" : String.valueOf(e.handle());
            case Value.ExnRef e -> e.isNull() ? "null" : "ref.exn";
        };
    }

    private static String formatF32(int bits) {
        String sign = bits < 0 ? "-" : "";
        int magnitude = bits & 0x7FFF_FFFF;
        if (magnitude == 0x7F80_0000) {
            return sign + "inf";
        }
        if (magnitude > 0x7F80_0000) {
            int payload = magnitude & 0x007F_FFFF;
            return sign + (payload == 0x0040_0000 ? "nan" : "nan:0x" + Integer.toHexString(payload));
        }
        // Float.toString is the shortest decimal that reads back to the same float (JDK 19+)
        return Float.toString(Float.intBitsToFloat(bits));
    }

    private static String formatF64(long bits) {
        String sign = bits < 0 ? "-" : "";
        long magnitude = bits & Long.MAX_VALUE;
        if (magnitude == 0x7FF0_0000_0000_0000L) {
            return sign + "inf";
        }
        if (magnitude > 0x7FF0_0000_0000_0000L) {
            long payload = magnitude & 0x000F_FFFF_FFFF_FFFFL;
            return sign + (payload == 0x0008_0000_0000_0000L ? "nan" : "nan:0x" + Long.toHexString(payload));
        }
        return Double.toString(Double.longBitsToDouble(bits));
    }
}

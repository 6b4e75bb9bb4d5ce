package flint.wasm.text;

import java.math.BigInteger;

/**
 * Values of numeric literals, with the spec's range rules: an integer literal must fit its type
 * (signed or unsigned reading), a float literal must not round to infinity, and a NaN payload must
 * be non-zero and fit the significand. Floats are rounded exactly (ties to even) from the decimal
 * or hexadecimal digits, so every literal of the testsuite gets its IEEE bit pattern.
 *
 * <p>Methods return null when the text is out of range; callers turn that into a positioned error.
 */
final class Literals {
    private Literals() {}

    /** An unsigned integer of at most 64 bits, or null when out of range. Accepts NAT text only. */
    static Long unsigned(String text, int bits) {
        var mag = magnitude(text, 0);
        if (mag == null) return null;
        if (bits < 64 && Long.compareUnsigned(mag, (1L << bits) - 1) > 0) return null;
        return mag;
    }

    /**
     * An integer of {@code bits} bits read as signed or unsigned (the spec's iN): the result is the
     * bit pattern, sign-extended for bits < 64. Null when out of range.
     */
    static Long integer(String text, int bits) {
        boolean negative = text.charAt(0) == '-';
        int from = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        var mag = magnitude(text, from);
        if (mag == null) return null;
        if (negative) {
            // -2^(bits-1) is the smallest; as unsigned, the magnitude is at most 2^(bits-1).
            long limit = 1L << (bits - 1);
            if (Long.compareUnsigned(mag, limit) > 0) return null;
            return -mag;
        }
        if (bits < 64 && Long.compareUnsigned(mag, (1L << bits) - 1) > 0) return null;
        return bits < 64 ? (mag << (64 - bits)) >> (64 - bits) : mag;
    }

    private static Long magnitude(String text, int from) {
        boolean hex = text.startsWith("0x", from);
        String digits = text.substring(hex ? from + 2 : from).replace("_", "");
        try {
            return Long.parseUnsignedLong(digits, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The bits of an f32 literal, or null when out of range. */
    static Integer f32(String text) {
        Long bits = floatBits(text, 23, 8);
        return bits == null ? null : (int) (long) bits;
    }

    /** The bits of an f64 literal, or null when out of range. */
    static Long f64(String text) {
        return floatBits(text, 52, 11);
    }

    private static Long floatBits(String text, int mantBits, int expBits) {
        boolean negative = text.charAt(0) == '-';
        int i = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        long signBit = negative ? 1L << (mantBits + expBits) : 0;
        long expMask = ((1L << expBits) - 1) << mantBits;
        String body = text.substring(i).replace("_", "");
        if (body.equals("inf")) return signBit | expMask;
        if (body.equals("nan")) return signBit | expMask | 1L << (mantBits - 1);
        if (body.startsWith("nan:0x")) {
            long payload;
            try {
                payload = Long.parseUnsignedLong(body.substring(6), 16);
            } catch (NumberFormatException e) {
                return null;
            }
            if (payload == 0 || Long.compareUnsigned(payload, 1L << mantBits) >= 0) return null;
            return signBit | expMask | payload;
        }
        Long magnitude = body.startsWith("0x") ? hexMagnitude(body.substring(2), mantBits, expBits)
                : decimalMagnitude(body, mantBits, expBits);
        return magnitude == null ? null : signBit | magnitude;
    }

    private static Long hexMagnitude(String s, int mantBits, int expBits) {
        int p = indexOfAny(s, 'p', 'P');
        String mantissa = p < 0 ? s : s.substring(0, p);
        long exp = p < 0 ? 0 : parseExponent(s.substring(p + 1));
        int dot = mantissa.indexOf('.');
        String digits = dot < 0 ? mantissa : mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int fracDigits = dot < 0 ? 0 : mantissa.length() - dot - 1;
        var m = new BigInteger(digits, 16);
        return round(m, BigInteger.ONE, exp - 4L * fracDigits, mantBits, expBits);
    }

    private static Long decimalMagnitude(String s, int mantBits, int expBits) {
        int e = indexOfAny(s, 'e', 'E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        long exp = e < 0 ? 0 : parseExponent(s.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String digits = dot < 0 ? mantissa : mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int fracDigits = dot < 0 ? 0 : mantissa.length() - dot - 1;
        var m = new BigInteger(digits);
        if (m.signum() == 0) return 0L;
        long exp10 = exp - fracDigits;
        // Short-cut absurd exponents: far above the largest finite value, or far below half the
        // smallest subnormal, without building enormous powers of ten.
        int significant = m.toString().length();
        if (exp10 + significant > 400) return null;
        if (exp10 + significant < -400) return 0L;
        if (exp10 >= 0) return round(m.multiply(BigInteger.TEN.pow((int) exp10)), BigInteger.ONE, 0, mantBits, expBits);
        return round(m, BigInteger.TEN.pow((int) -exp10), 0, mantBits, expBits);
    }

    private static long parseExponent(String s) {
        try {
            long v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            return Math.max(-1_000_000, Math.min(1_000_000, v));
        } catch (NumberFormatException e) {
            return s.startsWith("-") ? -1_000_000 : 1_000_000;
        }
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        return i >= 0 ? i : s.indexOf(b);
    }

    /**
     * Rounds the positive rational {@code num / den * 2^exp2} to the nearest float with
     * {@code mantBits} stored significand bits and {@code expBits} exponent bits (ties to even).
     * Returns the magnitude's bit pattern, or null if it rounds to infinity.
     */
    static Long round(BigInteger num, BigInteger den, long exp2, int mantBits, int expBits) {
        if (num.signum() == 0) return 0L;
        int precision = mantBits + 1;
        long bias = (1L << (expBits - 1)) - 1;
        long emin = 1 - bias;
        // Magnitudes of absurd size: decide without shifting by millions of bits.
        long approx = num.bitLength() - den.bitLength() + exp2;
        if (approx > bias + 2) return null;
        if (approx < emin - precision - 2) return 0L;
        // e = floor(log2(value)): value lies in [2^(approx-1), 2^(approx+1)).
        long e = approx;
        if (compareScaled(num, den, exp2, e) < 0) e--;
        long scaleExp = Math.max(e, emin);
        // q = value * 2^(precision - 1 - scaleExp), rounded.
        long shift = exp2 + precision - 1 - scaleExp;
        BigInteger n = num, d = den;
        if (shift >= 0) n = n.shiftLeft((int) shift);
        else d = d.shiftLeft((int) -shift);
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        int cmp = qr[1].shiftLeft(1).compareTo(d);
        if (cmp > 0 || cmp == 0 && q.testBit(0)) q = q.add(BigInteger.ONE);
        if (q.bitLength() > precision) {
            q = q.shiftRight(1);
            scaleExp++;
        }
        if (scaleExp > bias) return null;
        long mant = q.longValue();
        if (q.bitLength() < precision) return mant; // subnormal (or zero): exponent field 0
        long biased = scaleExp + bias;
        return biased << mantBits | (mant & ((1L << mantBits) - 1));
    }

    /** Compares {@code num / den * 2^exp2} with {@code 2^e}. */
    private static int compareScaled(BigInteger num, BigInteger den, long exp2, long e) {
        long shift = exp2 - e;
        BigInteger l = num, r = den;
        if (shift >= 0) l = l.shiftLeft((int) shift);
        else r = r.shiftLeft((int) -shift);
        return l.compareTo(r);
    }
}

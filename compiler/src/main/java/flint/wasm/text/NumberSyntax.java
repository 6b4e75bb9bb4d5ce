package flint.wasm.text;

/**
 * The shape of numeric tokens (spec 6.3.1-6.3.2): which runs of characters are integers, which
 * are floats, and which are neither. Values are computed later, by {@link Literals}, once the
 * context says what type is wanted.
 */
final class NumberSyntax {
    private NumberSyntax() {}

    /** NAT, INT or FLOAT for a numeric token, null for anything else. */
    static Token.Kind classify(String s) {
        int n = s.length();
        int i = 0;
        boolean signed = false;
        if (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            signed = true;
            i = 1;
        }
        if (i >= n) return null;
        if (s.startsWith("inf", i) && i + 3 == n) return Token.Kind.FLOAT;
        if (s.startsWith("nan", i)) {
            if (i + 3 == n) return Token.Kind.FLOAT;
            if (s.startsWith(":0x", i + 3)) return digits(s, i + 6, true) == n ? Token.Kind.FLOAT : null;
            return null;
        }
        boolean hex = s.startsWith("0x", i);
        if (hex) i += 2;
        int j = digits(s, i, hex);
        if (j < 0) return null;
        if (j == n) return signed ? Token.Kind.INT : Token.Kind.NAT;
        if (s.charAt(j) == '.') {
            j++;
            if (j < n && isDigit(s.charAt(j), hex)) {
                j = digits(s, j, hex);
                if (j < 0) return null;
            }
        }
        if (j < n) {
            char e = s.charAt(j);
            if (hex ? (e != 'p' && e != 'P') : (e != 'e' && e != 'E')) return null;
            j++;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
            j = digits(s, j, false);
            if (j < 0) return null;
        }
        return j == n ? Token.Kind.FLOAT : null;
    }

    /**
     * Reads {@code digit ('_'? digit)*} from {@code i}; returns the index after it, or -1 if there
     * is no digit at {@code i} or an underscore is not between two digits.
     */
    static int digits(String s, int i, boolean hex) {
        int n = s.length();
        if (i >= n || !isDigit(s.charAt(i), hex)) return -1;
        i++;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '_') {
                if (i + 1 >= n || !isDigit(s.charAt(i + 1), hex)) return -1;
                i += 2;
            } else if (isDigit(c, hex)) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isDigit(char c, boolean hex) {
        return c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
    }
}

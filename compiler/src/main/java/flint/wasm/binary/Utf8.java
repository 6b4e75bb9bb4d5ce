package flint.wasm.binary;

/**
 * Strict UTF-8 validation as the spec defines names: shortest form only, no surrogate code
 * points, nothing above U+10FFFF. (Java's decoder would replace such sequences rather than
 * reject them.)
 */
final class Utf8 {
    private Utf8() {}

    static boolean isValid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int lo = 0x80, hi = 0xBF; // the allowed range of the second byte
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                if (c == 0xE0) lo = 0xA0;      // overlong
                else if (c == 0xED) hi = 0x9F; // surrogates
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                if (c == 0xF0) lo = 0x90;      // overlong
                else if (c == 0xF4) hi = 0x8F; // above U+10FFFF
            } else {
                return false; // continuation byte, overlong 2-byte lead, or 0xF5..0xFF
            }
            if (to - i <= need) return false;
            int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) return false;
            for (int k = 2; k <= need; k++) {
                if ((b[i + k] & 0xC0) != 0x80) return false;
            }
            i += need + 1;
        }
        return true;
    }
}

package flint.wasm.text;

import java.nio.charset.StandardCharsets;

/** Source bytes into text, rejecting ill-formed UTF-8 with the position of the first bad byte. */
final class SourceText {
    private SourceText() {}

    static String decode(byte[] utf8, String fileName) {
        int bad = Utf8.firstMalformed(utf8);
        if (bad < 0) return new String(utf8, StandardCharsets.UTF_8);
        int line = 1, column = 1;
        // Columns count UTF-16 units as elsewhere; the prefix before the bad byte is well-formed.
        String before = new String(utf8, 0, bad, StandardCharsets.UTF_8);
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        throw new TextParseException("malformed UTF-8 encoding",
                String.format("byte 0x%02x", utf8[bad] & 0xFF), fileName, line, column);
    }
}

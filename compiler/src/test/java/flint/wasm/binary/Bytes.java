package flint.wasm.binary;

import java.util.HexFormat;

/** Hand-written test modules: hex with spaces, and the module header. */
final class Bytes {
    private Bytes() {}

    static final String HEADER = "00 61 73 6d 01 00 00 00";

    /** Parses hex digits, ignoring spaces. */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** The header followed by {@code sections} (hex). */
    static byte[] module(String sections) {
        return hex(HEADER + sections);
    }

    static String toHex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}

package flint.wasm.text;

/**
 * One token of the text format. {@code text} is the token's source text; {@code value} holds the
 * decoded contents of strings ({@code byte[]}, escapes resolved) and identifiers (the name
 * without {@code $}, with {@code $"..."} names decoded).
 */
record Token(Kind kind, String text, Object value, int offset, int line, int column) {

    enum Kind {
        LPAREN, RPAREN, KEYWORD, ID,
        /** An unsigned integer literal: digits or {@code 0x} hex digits. */
        NAT,
        /** A signed integer literal ({@code +} or {@code -} then a {@link #NAT}). */
        INT,
        /** Any other number: decimal and hex floats, {@code inf}, {@code nan}, {@code nan:0x...}. */
        FLOAT,
        STRING,
        /** Only inside annotations: anything else made of identifier characters and strings. */
        RESERVED,
        EOF
    }

    boolean is(Kind k) { return kind == k; }

    boolean isKeyword(String keyword) { return kind == Kind.KEYWORD && text.equals(keyword); }

    boolean isNumber() { return kind == Kind.NAT || kind == Kind.INT || kind == Kind.FLOAT; }

    String idName() { return (String) value; }

    byte[] bytes() { return (byte[]) value; }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case EOF -> "(end of input)";
            case STRING -> text.length() > 40 ? "string \"" + text.substring(1, 38) + "...\"" : "string " + text;
            default -> "\"" + (text.length() > 40 ? text.substring(0, 38) + "..." : text) + "\"";
        };
    }
}

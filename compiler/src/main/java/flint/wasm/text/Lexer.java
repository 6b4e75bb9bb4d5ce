package flint.wasm.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text-format source into tokens, following the spec's lexical rules: tokens are maximal
 * runs of identifier characters and strings, separated by white space, comments and parentheses;
 * a run that is no keyword, identifier, number or string is "reserved" and rejected (the spec
 * testsuite calls that an unknown operator). Comments (nested block comments included) vanish
 * here, and so do annotations {@code (@name ...)}, except that {@code @custom} ones are kept aside
 * for the module parser.
 */
final class Lexer {

    /** The tokens (ending with {@link Token.Kind#EOF}) and the {@code @custom} annotations met on the way. */
    record Result(List<Token> tokens, List<Annotation> annotations) {}

    /**
     * An annotation kept for later: its name, its tokens (without the outer parentheses) and the
     * index in the main token list it was found before.
     */
    record Annotation(String name, List<Token> tokens, int tokenIndex, Token start) {}

    private final String src;
    private final String file;
    private final int end;
    private int pos;
    private int line;
    private int lineStart;

    private Lexer(String src, String file, int start, int end, int line, int column) {
        this.src = src;
        this.file = file;
        this.pos = start;
        this.end = end;
        this.line = line;
        this.lineStart = start - (column - 1);
    }

    static Result lex(String src, String file) {
        return new Lexer(src, file, 0, src.length(), 1, 1).run();
    }

    /** Lexes {@code src[start, end)}, whose first character is at the given line and column. */
    static Result lex(String src, String file, int start, int end, int line, int column) {
        return new Lexer(src, file, start, end, line, column).run();
    }

    private Result run() {
        var tokens = new ArrayList<Token>(Math.max(16, (end - pos) / 4));
        var annotations = new ArrayList<Annotation>();
        while (true) {
            skipBlank();
            if (pos >= end) break;
            char c = src.charAt(pos);
            if (c == '(' && pos + 1 < end && src.charAt(pos + 1) == '@') {
                var a = annotation(tokens.size());
                if (a.name().equals("custom")) annotations.add(a);
            } else {
                tokens.add(token(false));
            }
        }
        tokens.add(new Token(Token.Kind.EOF, "", null, pos, line, column()));
        return new Result(tokens, annotations);
    }

    private int column() { return pos - lineStart + 1; }

    private TextParseException error(String reason, String detail, int line, int column) {
        return new TextParseException(reason, detail, file, line, column);
    }

    private TextParseException errorHere(String reason, String detail) {
        return error(reason, detail, line, column());
    }

    /** Skips white space and comments. */
    private void skipBlank() {
        while (pos < end) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\n') {
                newline();
            } else if (c == ';' && pos + 1 < end && src.charAt(pos + 1) == ';') {
                // a line comment ends at any newline: LF, CR or CR LF (a lone CR counts, as in the spec)
                while (pos < end && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') pos++;
            } else if (c == '(' && pos + 1 < end && src.charAt(pos + 1) == ';') {
                blockComment();
            } else {
                return;
            }
        }
    }

    private void newline() {
        pos++;
        line++;
        lineStart = pos;
    }

    private void blockComment() {
        int startLine = line, startColumn = column();
        int depth = 0;
        while (pos < end) {
            char c = src.charAt(pos);
            if (c == '(' && pos + 1 < end && src.charAt(pos + 1) == ';') {
                depth++;
                pos += 2;
            } else if (c == ';' && pos + 1 < end && src.charAt(pos + 1) == ')') {
                pos += 2;
                if (--depth == 0) return;
            } else if (c == '\n') {
                newline();
            } else {
                pos++;
            }
        }
        throw error("unclosed comment", "", startLine, startColumn);
    }

    /**
     * Reads {@code (@name ...)} up to its matching parenthesis. Inside, any token is allowed
     * (reserved ones too) but strings must still be closed and characters legal.
     */
    private Annotation annotation(int tokenIndex) {
        int startLine = line, startColumn = column();
        var start = new Token(Token.Kind.LPAREN, "(", null, pos, line, column());
        pos += 2;
        String name;
        char c = pos < end ? src.charAt(pos) : ' ';
        if (c == '"') {
            byte[] bytes = tryString();
            if (bytes == null || bytes.length == 0) throw error("empty annotation id", "", startLine, startColumn);
            name = Utf8.decode(bytes);
            if (name == null) throw error("malformed UTF-8 encoding", "in annotation id", startLine, startColumn);
        } else {
            int s = pos;
            while (pos < end && isIdChar(src.charAt(pos))) pos++;
            if (pos == s) throw error("empty annotation id", "", startLine, startColumn);
            name = src.substring(s, pos);
        }
        var body = new ArrayList<Token>();
        int depth = 1;
        while (true) {
            skipBlank();
            if (pos >= end) throw error("unclosed annotation", "(@" + name, startLine, startColumn);
            var t = token(true);
            if (t.kind() == Token.Kind.LPAREN) depth++;
            if (t.kind() == Token.Kind.RPAREN && --depth == 0) break;
            body.add(t);
        }
        return new Annotation(name, body, tokenIndex, start);
    }

    /** Reads one token at a non-blank position. Inside annotations reserved tokens are returned, not rejected. */
    private Token token(boolean lenient) {
        int start = pos, tokLine = line, tokColumn = column();
        char c = src.charAt(pos);
        if (c == '(') {
            pos++;
            return new Token(Token.Kind.LPAREN, "(", null, start, tokLine, tokColumn);
        }
        if (c == ')') {
            pos++;
            return new Token(Token.Kind.RPAREN, ")", null, start, tokLine, tokColumn);
        }
        if (c == ';') {
            pos++;
            if (lenient) return new Token(Token.Kind.RESERVED, ";", null, start, tokLine, tokColumn);
            throw error("unknown operator", "\";\"", tokLine, tokColumn);
        }
        if (!isIdChar(c) && !isReservedChar(c) && c != '"') {
            // The reference interpreter's wording: any stray character in an annotation is
            // "illegal"; elsewhere it distinguishes control from non-ASCII characters.
            String reason = lenient ? "illegal character"
                    : c < 0x80 ? "misplaced control character" : "misplaced unicode character";
            throw error(reason, describeChar(c), tokLine, tokColumn);
        }
        // A maximal run of identifier characters, reserved characters and strings.
        int strings = 0;
        boolean plain = true; // only identifier characters
        byte[] firstString = null;
        int firstStringStart = -1, firstStringEnd = -1;
        while (pos < end) {
            c = src.charAt(pos);
            if (isIdChar(c)) {
                pos++;
            } else if (c == '"') {
                int s = pos;
                byte[] b;
                if (s == start + 1 && src.charAt(start) == '$') {
                    // $"..." names: a broken string there means there is no name at all.
                    b = tryString();
                    if (b == null) throw error("empty identifier", "", tokLine, tokColumn);
                } else {
                    b = string(tokLine, tokColumn);
                }
                if (strings++ == 0) {
                    firstString = b;
                    firstStringStart = s;
                    firstStringEnd = pos;
                }
                plain = false;
            } else if (isReservedChar(c)) {
                pos++;
                plain = false;
            } else {
                break;
            }
        }
        String text = src.substring(start, pos);
        char first = text.charAt(0);
        boolean oneString = strings == 1 && firstStringEnd == pos;
        if (first == '$') {
            if (text.length() == 1) throw error("empty identifier", "", tokLine, tokColumn);
            if (plain) return new Token(Token.Kind.ID, text, text.substring(1), start, tokLine, tokColumn);
            if (oneString && firstStringStart == start + 1) {
                if (firstString.length == 0) throw error("empty identifier", "", tokLine, tokColumn);
                String name = Utf8.decode(firstString);
                if (name == null) throw error("malformed UTF-8 encoding", "in identifier", tokLine, tokColumn);
                return new Token(Token.Kind.ID, text, name, start, tokLine, tokColumn);
            }
            return reserved(text, start, tokLine, tokColumn, lenient);
        }
        if (oneString && firstStringStart == start) {
            return new Token(Token.Kind.STRING, text, firstString, start, tokLine, tokColumn);
        }
        if (!plain) return reserved(text, start, tokLine, tokColumn, lenient);
        var number = NumberSyntax.classify(text);
        if (number != null) return new Token(number, text, null, start, tokLine, tokColumn);
        if (first >= 'a' && first <= 'z') return new Token(Token.Kind.KEYWORD, text, null, start, tokLine, tokColumn);
        return reserved(text, start, tokLine, tokColumn, lenient);
    }

    private Token reserved(String text, int start, int line, int column, boolean lenient) {
        if (lenient) return new Token(Token.Kind.RESERVED, text, null, start, line, column);
        throw error("unknown operator", text, line, column);
    }

    /** Reads a string at {@code pos}, or returns null (and leaves {@code pos} alone) if it is broken. */
    private byte[] tryString() {
        int save = pos, saveLine = line, saveLineStart = lineStart;
        try {
            return string(line, column());
        } catch (TextParseException e) {
            pos = save;
            line = saveLine;
            lineStart = saveLineStart;
            return null;
        }
    }

    /** Reads a string literal starting at the opening quote at {@code pos}; returns its bytes. */
    private byte[] string(int tokLine, int tokColumn) {
        pos++; // opening quote
        var out = new ByteBuffer();
        while (true) {
            if (pos >= end) throw error("unclosed string literal", "", tokLine, tokColumn);
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toArray();
            }
            if (c == '\n') throw error("unclosed string literal", "", tokLine, tokColumn);
            if (c < 0x20 || c == 0x7F) throw errorHere("illegal control character in string literal", describeChar(c));
            if (c == '\\') {
                escape(out);
            } else if (c < 0x80) {
                out.add(c);
                pos++;
            } else {
                int cp = src.codePointAt(pos);
                out.addCodePoint(cp);
                pos += Character.charCount(cp);
            }
        }
    }

    private void escape(ByteBuffer out) {
        int escLine = line, escColumn = column();
        pos++;
        if (pos >= end) throw error("unclosed string literal", "", escLine, escColumn);
        char c = src.charAt(pos++);
        switch (c) {
            case 't' -> out.add('\t');
            case 'n' -> out.add('\n');
            case 'r' -> out.add('\r');
            case '"' -> out.add('"');
            case '\'' -> out.add('\'');
            case '\\' -> out.add('\\');
            case 'u' -> {
                if (pos >= end || src.charAt(pos) != '{') throw error("illegal escape", "\\u", escLine, escColumn);
                pos++;
                int s = pos;
                while (pos < end && (hexValue(src.charAt(pos)) >= 0 || src.charAt(pos) == '_')) pos++;
                if (pos >= end || src.charAt(pos) != '}' || pos == s) throw error("illegal escape", "\\u", escLine, escColumn);
                String digits = src.substring(s, pos);
                pos++;
                if (digits.startsWith("_") || digits.endsWith("_") || digits.contains("__")) {
                    throw error("illegal escape", "\\u{" + digits + "}", escLine, escColumn);
                }
                long cp;
                try {
                    cp = Long.parseLong(digits.replace("_", ""), 16);
                } catch (NumberFormatException e) {
                    cp = Long.MAX_VALUE;
                }
                if (cp >= 0x110000 || (cp >= 0xD800 && cp < 0xE000)) {
                    throw error("malformed UTF-8 encoding", "\\u{" + digits + "} is no Unicode scalar value", escLine, escColumn);
                }
                out.addCodePoint((int) cp);
            }
            default -> {
                int hi = hexValue(c);
                int lo = pos < end ? hexValue(src.charAt(pos)) : -1;
                if (hi < 0 || lo < 0) throw error("illegal escape", "\\" + c, escLine, escColumn);
                pos++;
                out.add((byte) (hi * 16 + lo));
            }
        }
    }

    static int hexValue(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** The spec's idchar: printable ASCII except space, quote, comma, semicolon, brackets and braces. */
    static boolean isIdChar(char c) {
        return c > ' ' && c < 0x7F && c != '"' && c != ',' && c != ';' && c != '(' && c != ')'
                && c != '[' && c != ']' && c != '{' && c != '}';
    }

    private static boolean isReservedChar(char c) {
        return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
    }

    private static String describeChar(char c) {
        return c >= 0x20 && c != 0x7F && !Character.isISOControl(c)
                ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    /** A growable byte array for string contents. */
    private static final class ByteBuffer {
        private byte[] bytes = new byte[16];
        private int size;

        void add(char c) { add((byte) c); }

        void add(byte b) {
            if (size == bytes.length) bytes = java.util.Arrays.copyOf(bytes, size * 2);
            bytes[size++] = b;
        }

        void addCodePoint(int cp) {
            if (cp < 0x80) {
                add((byte) cp);
            } else if (cp < 0x800) {
                add((byte) (0xC0 | cp >> 6));
                add((byte) (0x80 | cp & 0x3F));
            } else if (cp < 0x10000) {
                add((byte) (0xE0 | cp >> 12));
                add((byte) (0x80 | cp >> 6 & 0x3F));
                add((byte) (0x80 | cp & 0x3F));
            } else {
                add((byte) (0xF0 | cp >> 18));
                add((byte) (0x80 | cp >> 12 & 0x3F));
                add((byte) (0x80 | cp >> 6 & 0x3F));
                add((byte) (0x80 | cp & 0x3F));
            }
        }

        byte[] toArray() { return java.util.Arrays.copyOf(bytes, size); }
    }
}

package flint.wasm.text;

import java.util.List;

/**
 * A position in a token list with the small vocabulary every parser here shares: look ahead,
 * consume expected tokens, skip a balanced list, and build positioned errors.
 */
final class Cursor {
    private final List<Token> tokens;
    private final String file;
    private int pos;

    Cursor(List<Token> tokens, String file) {
        this(tokens, file, 0);
    }

    Cursor(List<Token> tokens, String file, int pos) {
        this.tokens = tokens;
        this.file = file;
        this.pos = pos;
    }

    String file() { return file; }

    int position() { return pos; }

    void seek(int position) { pos = position; }

    Token peek() { return tokens.get(pos); }

    /** The token {@code k} ahead (0 = current); EOF past the end. */
    Token peek(int k) {
        int i = pos + k;
        return i < tokens.size() ? tokens.get(i) : tokens.get(tokens.size() - 1);
    }

    /** The token before the current one. */
    Token previous() {
        return tokens.get(pos - 1);
    }

    Token next() {
        var t = tokens.get(pos);
        if (t.kind() != Token.Kind.EOF) pos++;
        return t;
    }

    boolean at(Token.Kind kind) { return peek().kind() == kind; }

    boolean atKeyword(String keyword) { return peek().isKeyword(keyword); }

    boolean atEnd() { return at(Token.Kind.EOF); }

    /** Whether the next tokens are {@code (keyword}. */
    boolean atList(String keyword) {
        return peek().kind() == Token.Kind.LPAREN && peek(1).isKeyword(keyword);
    }

    /** The keyword right after an opening parenthesis, or null. */
    String listKeyword() {
        return peek().kind() == Token.Kind.LPAREN && peek(1).kind() == Token.Kind.KEYWORD ? peek(1).text() : null;
    }

    Token expect(Token.Kind kind, String what) {
        var t = peek();
        if (t.kind() != kind) throw unexpected(t, what);
        return next();
    }

    void expectLParen() { expect(Token.Kind.LPAREN, "\"(\""); }

    void expectRParen() { expect(Token.Kind.RPAREN, "\")\""); }

    void expectKeyword(String keyword) {
        var t = peek();
        if (!t.isKeyword(keyword)) throw unexpected(t, "\"" + keyword + "\"");
        next();
    }

    /** Consumes {@code (keyword}. */
    void expectList(String keyword) {
        expectLParen();
        expectKeyword(keyword);
    }

    boolean tryKeyword(String keyword) {
        if (atKeyword(keyword)) {
            next();
            return true;
        }
        return false;
    }

    /** Consumes {@code (keyword} if it is next. */
    boolean tryList(String keyword) {
        if (atList(keyword)) {
            pos += 2;
            return true;
        }
        return false;
    }

    /** An identifier if one is next, else null. */
    Token tryId() {
        return at(Token.Kind.ID) ? next() : null;
    }

    /** Skips from an opening parenthesis to just after its match. */
    void skipList() {
        expectLParen();
        int depth = 1;
        while (depth > 0) {
            var t = next();
            switch (t.kind()) {
                case LPAREN -> depth++;
                case RPAREN -> depth--;
                case EOF -> throw unexpected(t, "\")\"");
                default -> { }
            }
        }
    }

    /** Skips to just before the {@code )} that closes the list the cursor is in. */
    void skipToListEnd() {
        while (!at(Token.Kind.RPAREN)) {
            if (at(Token.Kind.LPAREN)) skipList();
            else if (atEnd()) throw unexpected(peek(), "\")\"");
            else next();
        }
    }

    String string(String what) {
        return Utf8.decode(expect(Token.Kind.STRING, what).bytes());
    }

    /** A string that must be valid UTF-8 (names of imports, exports and the like). */
    String name(String what) {
        var t = expect(Token.Kind.STRING, what);
        var s = Utf8.decode(t.bytes());
        if (s == null) throw error(t, "malformed UTF-8 encoding", "in " + what);
        return s;
    }

    TextParseException error(Token at, String reason, String detail) {
        return new TextParseException(reason, detail, file, at.line(), at.column());
    }

    TextParseException error(String reason, String detail) {
        return error(peek(), reason, detail);
    }

    TextParseException unexpected(Token t, String expected) {
        // A word the format does not know at all is reported the way the spec interpreter's
        // lexer reports it; a known word in the wrong place is a parse error.
        if (t.kind() == Token.Kind.KEYWORD && !Keywords.isKnown(t.text())) {
            return error(t, "unknown operator", t.text());
        }
        return error(t, "unexpected token", t.describe() + (expected == null ? "" : ", expected " + expected));
    }

    TextParseException unexpected(String expected) {
        return unexpected(peek(), expected);
    }

    UnsupportedFeatureException unsupported(Token at, String feature, String detail) {
        return new UnsupportedFeatureException(feature, detail, file, at.line(), at.column());
    }
}

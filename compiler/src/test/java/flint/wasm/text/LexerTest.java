package flint.wasm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexerTest {
    private static List<Token> lex(String s) {
        return Lexer.lex(s, "t.wat").tokens();
    }

    private static List<Token.Kind> kinds(String s) {
        return lex(s).stream().map(Token::kind).toList();
    }

    private static TextParseException error(String s) {
        return assertThrows(TextParseException.class, () -> Lexer.lex(s, "t.wat"));
    }

    @Test
    void tokensAreSeparatedByParenthesesAndBlanks() {
        assertEquals(List.of(Token.Kind.LPAREN, Token.Kind.KEYWORD, Token.Kind.ID, Token.Kind.LPAREN, Token.Kind.KEYWORD,
                Token.Kind.RPAREN, Token.Kind.KEYWORD, Token.Kind.RPAREN, Token.Kind.EOF), kinds("(func $f(nop)nop)"));
    }

    @Test
    void positionsAreOneBasedLinesAndColumns() {
        var tokens = lex("(module\n  (func))");
        assertEquals(2, tokens.get(3).line());
        assertEquals(4, tokens.get(3).column());
        assertEquals("func", tokens.get(3).text());
    }

    @Test
    void commentsNestAndVanish() {
        assertEquals(List.of(Token.Kind.KEYWORD, Token.Kind.KEYWORD, Token.Kind.EOF),
                kinds("nop (; a (; nested ;) still comment ;) nop ;; to the end ( of line"));
        assertEquals("unclosed comment", error("(; (; ;)").reason());
    }

    @Test
    void annotationsVanishButCustomOnesAreKept() {
        var result = Lexer.lex("(@a x (y \"z\") (@b)) nop (@custom \"n\" \"d\")", "t.wat");
        assertEquals(List.of(Token.Kind.KEYWORD, Token.Kind.EOF), result.tokens().stream().map(Token::kind).toList());
        assertEquals(1, result.annotations().size());
        assertEquals("custom", result.annotations().getFirst().name());
        assertEquals(1, result.annotations().getFirst().tokenIndex());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(@)|empty annotation id",
        "(@ x)|empty annotation id",
        "(@x (y)|unclosed annotation",
        "(@x \"|unclosed string literal",
        "\"abc|unclosed string literal",
        "$|empty identifier",
        "$\"\"|empty identifier",
        "0$x|unknown operator",
        "\"a\"x|unknown operator",
        "i32.add,|unknown operator",
        "0x|unknown operator",
        "1__0|unknown operator",
        "\"\\q\"|illegal escape",
        "\"\\u{d800}\"|malformed UTF-8 encoding",
        "é|misplaced unicode character",
    })
    void lexicalErrors(String source, String reason) {
        assertEquals(reason, error(source).reason());
    }

    @Test
    void controlCharactersAreIllegalInAnnotationsAndStrings() {
        assertEquals("illegal character", error("(@a \u0001)").reason());
        assertEquals("illegal control character in string literal", error("\"a\tb\"").reason());
        assertEquals("misplaced control character", error("\u0001").reason());
    }

    @Test
    void stringEscapesAndUtf8() {
        var t = lex("\"a\\t\\n\\r\\\\\\'\\\"\\00\\ff\\u{1F600}é\"").getFirst();
        assertEquals(Token.Kind.STRING, t.kind());
        var expected = new java.io.ByteArrayOutputStream();
        expected.writeBytes("a\t\n\r\\'\"".getBytes(StandardCharsets.UTF_8));
        expected.write(0);
        expected.write(0xFF);
        expected.writeBytes("\uD83D\uDE00é".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(expected.toByteArray(), t.bytes());
    }

    @Test
    void identifiersPlainAndQuoted() {
        var tokens = lex("$abc $\"a b\" $\"\\41B\" $a$b");
        assertEquals(List.of("abc", "a b", "AB", "a$b"), tokens.subList(0, 4).stream().map(Token::idName).toList());
        assertEquals("malformed UTF-8 encoding", error("$\"\\ef\"").reason());
        assertEquals("empty identifier", error("$\"a\nb\"").reason());
    }

    @ParameterizedTest
    @CsvSource({
        "0, NAT", "0x1F, NAT", "1_000, NAT", "+1, INT", "-0x10, INT", "1.5, FLOAT", "1e10, FLOAT", "1.e-3, FLOAT",
        "0x1p-2, FLOAT", "0x1.8P+3, FLOAT", "inf, FLOAT", "-nan, FLOAT", "nan:0x7f_ffff, FLOAT", "+inf, FLOAT",
    })
    void numbersAreClassified(String text, Token.Kind kind) {
        assertEquals(kind, lex(text).getFirst().kind());
    }

    @Test
    void keywordsMayContainSymbols() {
        var tokens = lex("offset=0x10 align=8 nan:canonical i32.const");
        assertEquals(List.of(Token.Kind.KEYWORD, Token.Kind.KEYWORD, Token.Kind.KEYWORD, Token.Kind.KEYWORD),
                tokens.subList(0, 4).stream().map(Token::kind).toList());
    }
}

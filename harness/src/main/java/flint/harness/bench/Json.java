package flint.harness.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the benchmark: writing the raw results and reading the V8 runner's one-line
 * answers. Values are Map (objects, in order), List, String, Double, Boolean and null.
 */
final class Json {
    private Json() {}

    /** Parses one JSON value; IllegalArgumentException on anything malformed. */
    static Object parse(String text) {
        var parser = new Parser(text);
        var value = parser.value();
        parser.skipSpace();
        if (parser.pos != text.length()) throw parser.error("trailing characters");
        return value;
    }

    /** Writes {@code value} with two-space indentation. */
    static String write(Object value) {
        var out = new StringBuilder();
        write(out, value, "");
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, String indent) {
        switch (value) {
            case null -> out.append("null");
            case String s -> quote(out, s);
            case Boolean b -> out.append(b);
            case Double d when d.isNaN() || d.isInfinite() -> out.append("null");
            case Number n -> out.append(n);
            case Map<?, ?> map -> {
                if (map.isEmpty()) { out.append("{}"); return; }
                out.append("{\n");
                var inner = indent + "  ";
                var first = true;
                for (var e : map.entrySet()) {
                    if (!first) out.append(",\n");
                    first = false;
                    out.append(inner);
                    quote(out, String.valueOf(e.getKey()));
                    out.append(": ");
                    write(out, e.getValue(), inner);
                }
                out.append('\n').append(indent).append('}');
            }
            case List<?> list -> {
                // lists of numbers stay on one line: the samples are easier to read that way
                boolean flat = list.stream().allMatch(v -> v instanceof Number);
                out.append('[');
                var inner = indent + "  ";
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) out.append(flat ? ", " : ",");
                    if (!flat) out.append('\n').append(inner);
                    write(out, list.get(i), inner);
                }
                if (!flat && !list.isEmpty()) out.append('\n').append(indent);
                out.append(']');
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("bad JSON at " + pos + ": " + what);
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
        }

        Object value() {
            skipSpace();
            if (pos >= text.length()) throw error("unexpected end");
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) throw error("expected " + word);
            pos += word.length();
            return value;
        }

        private Map<String, Object> object() {
            var map = new LinkedHashMap<String, Object>();
            pos++;
            skipSpace();
            if (peek() == '}') { pos++; return map; }
            while (true) {
                skipSpace();
                if (peek() != '"') throw error("expected a key");
                var key = string();
                skipSpace();
                if (peek() != ':') throw error("expected ':'");
                pos++;
                map.put(key, value());
                skipSpace();
                char c = text.charAt(pos++);
                if (c == '}') return map;
                if (c != ',') throw error("expected ',' or '}'");
            }
        }

        private List<Object> array() {
            var list = new ArrayList<Object>();
            pos++;
            skipSpace();
            if (peek() == ']') { pos++; return list; }
            while (true) {
                list.add(value());
                skipSpace();
                char c = text.charAt(pos++);
                if (c == ']') return list;
                if (c != ',') throw error("expected ',' or ']'");
            }
        }

        private String string() {
            var out = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= text.length()) throw error("unterminated string");
                char c = text.charAt(pos++);
                if (c == '"') return out.toString();
                if (c != '\\') { out.append(c); continue; }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> { out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16)); pos += 4; }
                    default -> out.append(e);
                }
            }
        }

        private Double number() {
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) pos++;
            if (start == pos) throw error("unexpected character");
            return Double.valueOf(text.substring(start, pos));
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }
    }
}

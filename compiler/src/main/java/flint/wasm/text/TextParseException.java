package flint.wasm.text;

import flint.wasm.WasmException;

/**
 * A malformed text module or script. The message starts with the spec testsuite's wording for
 * the problem ({@link #reason()}, e.g. {@code "unknown operator"}) so a spec runner can match
 * {@code assert_malformed} expectations by prefix, then gives the detail and the position.
 */
public class TextParseException extends WasmException {
    private final String reason;
    private final String detail;
    private final String file;
    private final int line;
    private final int column;

    public TextParseException(String reason, String detail, String file, int line, int column) {
        super(format(reason, detail, file, line, column));
        this.reason = reason;
        this.detail = detail == null ? "" : detail;
        this.file = file;
        this.line = line;
        this.column = column;
    }

    private static String format(String reason, String detail, String file, int line, int column) {
        var sb = new StringBuilder(reason);
        if (detail != null && !detail.isEmpty()) sb.append(' ').append(detail);
        return sb.append(" at ").append(file).append(':').append(line).append(':').append(column).toString();
    }

    /** The spec testsuite's wording for this kind of error, e.g. {@code "unexpected token"}. */
    public String reason() { return reason; }

    /** What was found, or other specifics; may be empty. */
    public String detail() { return detail; }

    public String file() { return file; }

    /** 1-based line. */
    public int line() { return line; }

    /** 1-based column, counted in UTF-16 code units. */
    public int column() { return column; }
}

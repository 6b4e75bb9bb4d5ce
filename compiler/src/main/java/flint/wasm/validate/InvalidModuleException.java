package flint.wasm.validate;

import flint.wasm.WasmException;

/**
 * A module that is well-formed but breaks a rule of the spec's validation chapter.
 *
 * <p>The message starts with the spec testsuite's wording for the rule ({@link #reason()}, e.g.
 * {@code "type mismatch"}, {@code "unknown global 3"}), because the testsuite and the reference
 * interpreter match {@code assert_invalid} messages by prefix. Where the error is inside a function
 * body, the location follows in parentheses: the function index (imports first), the instruction
 * and its byte offset in the module.
 */
public final class InvalidModuleException extends WasmException {
    private final String reason;
    private final int function;
    private final long offset;

    /** A module-level error (no function body involved). */
    public InvalidModuleException(String reason) {
        this(reason, (String) null);
    }

    /** A module-level error; {@code where} names the part of the module, e.g. {@code "global 3 initializer"}. */
    public InvalidModuleException(String reason, String where) {
        super(where == null ? reason : reason + " (" + where + ")");
        this.reason = reason;
        this.function = -1;
        this.offset = -1;
    }

    /**
     * An error at an instruction of a function body.
     *
     * @param function    the function index in the function index space, or -1
     * @param offset      the instruction's byte offset in the module (or in the body), or -1
     * @param instruction the instruction's mnemonic, or null
     */
    public InvalidModuleException(String reason, int function, long offset, String instruction) {
        super(format(reason, function, offset, instruction));
        this.reason = reason;
        this.function = function;
        this.offset = offset;
    }

    /** The spec wording without the location: what the testsuite's {@code assert_invalid} expects as a prefix. */
    public String reason() { return reason; }

    /** The function index (imports first) where validation failed, or -1 for a module-level error. */
    public int function() { return function; }

    /** The failing instruction's byte offset, or -1 when unknown or module-level. */
    public long offset() { return offset; }

    private static String format(String reason, int function, long offset, String instruction) {
        if (function < 0 && offset < 0 && instruction == null) return reason;
        var sb = new StringBuilder(reason).append(" (");
        String sep = "";
        if (function >= 0) {
            sb.append("function ").append(Integer.toUnsignedString(function));
            sep = ", ";
        }
        if (instruction != null) {
            sb.append(sep).append(instruction);
            sep = " ";
        }
        if (offset >= 0) sb.append(sep).append("at offset 0x").append(Long.toHexString(offset));
        return sb.append(')').toString();
    }
}

package flint.wasm.binary;

import flint.wasm.WasmException;

/**
 * A module's bytes do not follow the binary format. The message starts with the spec testsuite's
 * exact wording (the reference interpreter's), so a runner can match {@code assert_malformed}
 * expectations by prefix; detail and the offset follow it. {@link #wording()} gives the bare
 * wording and {@link #offset()} the byte offset in the module where the problem was found.
 */
public class MalformedModuleException extends WasmException {
    // The testsuite's wordings. Kept together so tests and other packages can refer to them.
    public static final String UNEXPECTED_END = "unexpected end";
    public static final String UNEXPECTED_END_OF_SECTION = "unexpected end of section or function";
    public static final String MAGIC_HEADER = "magic header not detected";
    public static final String UNKNOWN_VERSION = "unknown binary version";
    public static final String MALFORMED_SECTION_ID = "malformed section id";
    public static final String SECTION_SIZE_MISMATCH = "section size mismatch";
    public static final String LENGTH_OUT_OF_BOUNDS = "length out of bounds";
    public static final String UNEXPECTED_CONTENT = "unexpected content after last section";
    public static final String INTEGER_TOO_LARGE = "integer too large";
    public static final String INTEGER_TOO_LONG = "integer representation too long";
    public static final String MALFORMED_UTF8 = "malformed UTF-8 encoding";
    public static final String FUNCTION_CODE_LENGTHS = "function and code section have inconsistent lengths";
    public static final String DATA_COUNT_LENGTHS = "data count and data section have inconsistent lengths";
    public static final String DATA_COUNT_REQUIRED = "data count section required";
    public static final String TOO_MANY_LOCALS = "too many locals";
    public static final String ILLEGAL_OPCODE = "illegal opcode";
    public static final String END_EXPECTED = "END opcode expected";
    public static final String ZERO_BYTE_EXPECTED = "zero byte expected";
    public static final String MALFORMED_REFERENCE_TYPE = "malformed reference type";
    public static final String MALFORMED_HEAP_TYPE = "malformed heap type";
    public static final String MALFORMED_DEFINITION_TYPE = "malformed definition type";
    public static final String MALFORMED_STORAGE_TYPE = "malformed storage type";
    public static final String MALFORMED_MUTABILITY = "malformed mutability";
    public static final String MALFORMED_LIMITS_FLAGS = "malformed limits flags";
    public static final String MALFORMED_IMPORT_KIND = "malformed import kind";
    public static final String MALFORMED_EXPORT_KIND = "malformed export kind";
    public static final String MALFORMED_MEMOP_FLAGS = "malformed memop flags";
    public static final String MALFORMED_ELEMENTS_SEGMENT_KIND = "malformed elements segment kind";
    public static final String MALFORMED_ELEMENT_KIND = "malformed element kind";
    public static final String MALFORMED_DATA_SEGMENT_KIND = "malformed data segment kind";
    public static final String MALFORMED_CATCH_CLAUSE = "malformed catch clause";

    private final String wording;
    private final int offset;

    public MalformedModuleException(String wording, int offset) {
        this(wording, "", offset);
    }

    /** {@code detail} follows the wording in the message (e.g. the opcode after "illegal opcode"). */
    public MalformedModuleException(String wording, String detail, int offset) {
        super(wording + (detail.isEmpty() ? "" : " " + detail) + " (at offset 0x" + Integer.toHexString(offset) + ")");
        this.wording = wording;
        this.offset = offset;
    }

    /** The testsuite's wording, without detail or offset. */
    public String wording() { return wording; }

    /** The byte offset in the module's bytes where the problem was found. */
    public int offset() { return offset; }
}

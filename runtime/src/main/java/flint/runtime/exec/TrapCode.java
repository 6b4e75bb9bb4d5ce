package flint.runtime.exec;

import java.util.Optional;

/**
 * Why native code trapped, as the number it passes to the trap stub and the entry trampoline
 * returns as its status.
 *
 * <p>The codes are part of the contract with generated code: never renumber one. Zero is not a
 * trap (it is the status of a normal return). {@link #message()} is the spec testsuite's
 * {@code assert_trap} wording.
 */
public enum TrapCode {
    UNREACHABLE(1, "unreachable"),
    INTEGER_DIVIDE_BY_ZERO(2, "integer divide by zero"),
    INTEGER_OVERFLOW(3, "integer overflow"),
    INVALID_CONVERSION(4, "invalid conversion to integer"),
    OUT_OF_BOUNDS_MEMORY(5, "out of bounds memory access"),
    OUT_OF_BOUNDS_TABLE(6, "out of bounds table access"),
    /** {@code call_indirect} with an index past the end of the table. */
    UNDEFINED_ELEMENT(7, "undefined element"),
    /** {@code call_indirect} through a null table entry. */
    UNINITIALIZED_ELEMENT(8, "uninitialized element"),
    INDIRECT_CALL_TYPE_MISMATCH(9, "indirect call type mismatch"),
    /** {@code ref.as_non_null} and friends. */
    NULL_REFERENCE(10, "null reference"),
    /** {@code call_ref} / {@code return_call_ref} through null. */
    NULL_FUNCTION_REFERENCE(11, "null function reference"),
    CALL_STACK_EXHAUSTED(12, "call stack exhausted"),
    UNALIGNED_ATOMIC(13, "unaligned atomic"),
    /** The interrupt flag was raised from outside (watchdog, fuel, timeout). Not a spec trap. */
    INTERRUPTED(14, "interrupted"),
    /**
     * A host (Java) function failed; the exception is in {@link Outcome.HostFailed}. Host-function
     * stubs return this status, and generated code passes it on to the trap stub like any other.
     */
    HOST_ERROR(15, "host error");

    /**
     * What the trap stub stores when generated code hands it zero, which would otherwise read as a
     * normal return. Seeing it means the compiler emitted a trap without a code.
     */
    public static final int MISSING_CODE = 0x7fff_ffff;

    private static final TrapCode[] BY_CODE = new TrapCode[16];

    static {
        for (var trap : values()) {
            if (BY_CODE[trap.code] != null) {
                throw new AssertionError("duplicate trap code " + trap.code);
            }
            BY_CODE[trap.code] = trap;
        }
    }

    private final int code;
    private final String message;

    TrapCode(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The number generated code passes to the trap stub. */
    public int code() {
        return code;
    }

    /** The spec testsuite's wording. */
    public String message() {
        return message;
    }

    /** The trap with this code, if there is one. */
    public static Optional<TrapCode> of(int code) {
        return code > 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}

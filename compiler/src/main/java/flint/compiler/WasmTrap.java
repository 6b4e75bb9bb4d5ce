package flint.compiler;

import java.util.Optional;

/**
 * Why generated code traps: the number it hands to the trap stub in ESI (see {@link Abi}), which
 * the entry trampoline then returns to Java as its status.
 *
 * <p>The numbers are part of the native ABI: never renumber one. Zero is not a trap (it is the
 * status of a normal return). The runtime's {@code flint.runtime.exec.TrapCode} takes its numbers
 * and messages from here, so the compiler and the runtime cannot disagree. {@link #message()} is
 * the spec testsuite's {@code assert_trap} wording.
 */
public enum WasmTrap {
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
    /** A prologue found RSP below the stack limit. */
    CALL_STACK_EXHAUSTED(12, "call stack exhausted"),
    UNALIGNED_ATOMIC(13, "unaligned atomic"),
    /** The interrupt flag was raised from outside (watchdog, timeout). Not a spec trap. */
    INTERRUPTED(14, "interrupted"),
    /**
     * A host (Java) function failed. Generated code never raises it itself: host calls return it
     * as their status and the host-call thunk passes it on to the trap stub.
     */
    HOST_ERROR(15, "host error"),
    /**
     * A function the compiler cannot translate yet was called: its body is a stub that raises this
     * ({@link CompiledModule#unsupported()} says why). Not a spec trap: the engine reports it as
     * a missing feature, never as a result.
     */
    UNSUPPORTED(16, "not supported by the native compiler");

    private static final WasmTrap[] BY_CODE = new WasmTrap[17];

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

    WasmTrap(int code, String message) {
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
    public static Optional<WasmTrap> of(int code) {
        return code > 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}

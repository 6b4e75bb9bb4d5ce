package flint.runtime.exec;

import flint.compiler.WasmTrap;
import java.util.Optional;

/**
 * Why native code trapped, as the number it passes to the trap stub and the entry trampoline
 * returns as its status.
 *
 * <p>The codes are part of the contract with generated code: the compiler's {@link WasmTrap} defines
 * them (and the messages), this enum gives each the runtime's name. Zero is not a trap (it is the
 * status of a normal return). {@link #message()} is the spec testsuite's {@code assert_trap}
 * wording.
 */
public enum TrapCode {
    UNREACHABLE(WasmTrap.UNREACHABLE),
    INTEGER_DIVIDE_BY_ZERO(WasmTrap.INTEGER_DIVIDE_BY_ZERO),
    INTEGER_OVERFLOW(WasmTrap.INTEGER_OVERFLOW),
    INVALID_CONVERSION(WasmTrap.INVALID_CONVERSION),
    OUT_OF_BOUNDS_MEMORY(WasmTrap.OUT_OF_BOUNDS_MEMORY),
    OUT_OF_BOUNDS_TABLE(WasmTrap.OUT_OF_BOUNDS_TABLE),
    /** {@code call_indirect} with an index past the end of the table. */
    UNDEFINED_ELEMENT(WasmTrap.UNDEFINED_ELEMENT),
    /** {@code call_indirect} through a null table entry. */
    UNINITIALIZED_ELEMENT(WasmTrap.UNINITIALIZED_ELEMENT),
    INDIRECT_CALL_TYPE_MISMATCH(WasmTrap.INDIRECT_CALL_TYPE_MISMATCH),
    /** {@code ref.as_non_null} and friends. */
    NULL_REFERENCE(WasmTrap.NULL_REFERENCE),
    /** {@code call_ref} / {@code return_call_ref} through null. */
    NULL_FUNCTION_REFERENCE(WasmTrap.NULL_FUNCTION_REFERENCE),
    CALL_STACK_EXHAUSTED(WasmTrap.CALL_STACK_EXHAUSTED),
    UNALIGNED_ATOMIC(WasmTrap.UNALIGNED_ATOMIC),
    /** The interrupt flag was raised from outside (watchdog, fuel, timeout). Not a spec trap. */
    INTERRUPTED(WasmTrap.INTERRUPTED),
    /**
     * A host (Java) function failed; the exception is in {@link Outcome.HostFailed}. Host-function
     * stubs return this status, and generated code passes it on to the trap stub like any other.
     */
    HOST_ERROR(WasmTrap.HOST_ERROR),
    /** A stub of a function the compiler does not support yet was called. Not a spec trap. */
    UNSUPPORTED(WasmTrap.UNSUPPORTED);

    /**
     * What the trap stub stores when generated code hands it zero, which would otherwise read as a
     * normal return. Seeing it means the compiler emitted a trap without a code.
     */
    public static final int MISSING_CODE = 0x7fff_ffff;

    private static final TrapCode[] BY_CODE = new TrapCode[17];
    private static final TrapCode[] BY_TRAP = new TrapCode[WasmTrap.values().length];

    static {
        for (var trap : values()) {
            if (BY_CODE[trap.code()] != null) {
                throw new AssertionError("duplicate trap code " + trap.code());
            }
            BY_CODE[trap.code()] = trap;
            BY_TRAP[trap.trap.ordinal()] = trap;
        }
        if (java.util.Arrays.asList(BY_TRAP).contains(null)) {
            throw new AssertionError("a WasmTrap has no TrapCode");
        }
    }

    private final WasmTrap trap;

    TrapCode(WasmTrap trap) {
        this.trap = trap;
    }

    /** The compiler's name for this trap. */
    public WasmTrap wasmTrap() {
        return trap;
    }

    /** The runtime's view of {@code trap}. */
    public static TrapCode of(WasmTrap trap) {
        return BY_TRAP[trap.ordinal()];
    }

    /** The number generated code passes to the trap stub. */
    public int code() {
        return trap.code();
    }

    /** The spec testsuite's wording. */
    public String message() {
        return trap.message();
    }

    /** The trap with this code, if there is one. */
    public static Optional<TrapCode> of(int code) {
        return code > 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}

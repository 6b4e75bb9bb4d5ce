package flint.harness.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why execution trapped, shared by all engines so that the oracle compares kinds rather than each
 * engine's wording. {@link #message()} is the official spec testsuite's {@code assert_trap} text;
 * some kinds have more than one ({@link #messages()}), e.g. a null reference trap reads "null
 * function reference" for {@code call_ref} and "null reference" for {@code ref.as_non_null}.
 */
public enum TrapKind {
    UNREACHABLE("unreachable"),
    INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
    INTEGER_OVERFLOW("integer overflow"),
    INVALID_CONVERSION("invalid conversion to integer"),
    OUT_OF_BOUNDS_MEMORY("out of bounds memory access"),
    OUT_OF_BOUNDS_TABLE("out of bounds table access"),
    /** {@code call_indirect} with an index past the end of the table. */
    UNDEFINED_ELEMENT("undefined element"),
    /** {@code call_indirect} through a null table entry. */
    UNINITIALIZED_ELEMENT("uninitialized element"),
    INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
    NULL_REFERENCE("null reference", "null function reference", "null exception reference"),
    CALL_STACK_EXHAUSTED("call stack exhausted"),
    /** Stopped from outside: out of fuel, timed out or interrupted. Not a spec trap. */
    INTERRUPTED("interrupted"),
    /** A host (Java) function failed. Not a spec trap: the embedder's own failure. */
    HOST_ERROR("host error");

    private final List<String> messages;

    TrapKind(String message, String... alternatives) {
        var all = new ArrayList<String>();
        all.add(message);
        all.addAll(List.of(alternatives));
        this.messages = List.copyOf(all);
    }

    /** The usual spec testsuite text for this kind. */
    public String message() {
        return messages.getFirst();
    }

    /** Every spec testsuite text that denotes this kind; the first is {@link #message()}. */
    public List<String> messages() {
        return messages;
    }

    /**
     * The kind of a trap raised by Flint's compiled code or Microwasm interpreter; empty for a
     * trap the harness has no kind for (unaligned atomics: threads are not supported).
     */
    public static Optional<TrapKind> of(flint.compiler.WasmTrap trap) {
        return Optional.ofNullable(switch (trap) {
            case UNREACHABLE -> UNREACHABLE;
            case INTEGER_DIVIDE_BY_ZERO -> INTEGER_DIVIDE_BY_ZERO;
            case INTEGER_OVERFLOW -> INTEGER_OVERFLOW;
            case INVALID_CONVERSION -> INVALID_CONVERSION;
            case OUT_OF_BOUNDS_MEMORY -> OUT_OF_BOUNDS_MEMORY;
            case OUT_OF_BOUNDS_TABLE -> OUT_OF_BOUNDS_TABLE;
            case UNDEFINED_ELEMENT -> UNDEFINED_ELEMENT;
            case UNINITIALIZED_ELEMENT -> UNINITIALIZED_ELEMENT;
            case INDIRECT_CALL_TYPE_MISMATCH -> INDIRECT_CALL_TYPE_MISMATCH;
            case NULL_REFERENCE, NULL_FUNCTION_REFERENCE -> NULL_REFERENCE;
            case CALL_STACK_EXHAUSTED -> CALL_STACK_EXHAUSTED;
            case INTERRUPTED -> INTERRUPTED;
            case HOST_ERROR -> HOST_ERROR;
            case UNALIGNED_ATOMIC, UNSUPPORTED -> null;
        });
    }

    /**
     * The kind a spec testsuite {@code assert_trap} text denotes. The testsuite's reference
     * interpreter compares by prefix (e.g. "uninitialized element 2"), and so does this.
     */
    public static Optional<TrapKind> fromSpecMessage(String text) {
        TrapKind best = null;
        int bestLength = -1;
        for (var kind : values()) {
            for (var m : kind.messages) {
                // longest match wins: "null function reference" must not be read as "null reference"
                if (text.startsWith(m) && m.length() > bestLength) {
                    best = kind;
                    bestLength = m.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }
}

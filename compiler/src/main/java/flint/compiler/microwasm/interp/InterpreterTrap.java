package flint.compiler.microwasm.interp;

import flint.compiler.WasmTrap;
import java.util.Objects;

/**
 * Interpreted code trapped, for one of the reasons native code traps for ({@link WasmTrap}), so
 * the two can be compared directly. Cheap to throw (no stack trace): traps are ordinary outcomes
 * for tests and fuzzing.
 */
public final class InterpreterTrap extends RuntimeException {
    private final WasmTrap trap;

    public InterpreterTrap(WasmTrap trap, String detail) {
        super(detail, null, false, false);
        this.trap = Objects.requireNonNull(trap, "trap");
    }

    public WasmTrap trap() { return trap; }
}

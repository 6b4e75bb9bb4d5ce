package flint.harness.engine.microwasm;

import flint.compiler.microwasm.UnsupportedFeatureException;
import flint.compiler.microwasm.interp.InterpreterTrap;
import flint.harness.engine.EngineException;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.Trap;
import flint.harness.engine.TrapKind;

/** Turns whatever escapes the interpreter into the engine interface's outcomes. */
final class Failures {
    private Failures() {}

    static EngineException translate(Throwable t) {
        return switch (t) {
            case EngineException e -> e;
            case InterpreterTrap trap -> trap(trap);
            case UnsupportedFeatureException e -> new EngineFailure(e.getMessage(), e);
            case Slots.UnsupportedValueException e -> new EngineFailure(e.getMessage(), e);
            // Deep recursion through host functions nests Java calls: still call stack exhaustion.
            case StackOverflowError e -> new Trap(TrapKind.CALL_STACK_EXHAUSTED, "Java stack overflow", e);
            case VirtualMachineError e -> throw e;
            default -> new EngineFailure("internal error in the microwasm engine: " + t, t);
        };
    }

    /** The engine-neutral trap for one of the compiler's trap reasons, with the same spec wording. */
    private static EngineException trap(InterpreterTrap trap) {
        TrapKind kind = TrapKind.of(trap.trap()).orElse(null);
        if (kind == null) return new EngineFailure("no harness trap kind for '" + trap.trap().message() + "'", trap);
        return new Trap(kind, trap.trap().message(), trap.getMessage(), trap);
    }
}

package flint.harness.diff;

import flint.harness.engine.EngineException;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.LinkException;
import flint.harness.engine.ModuleException;
import flint.harness.engine.Trap;
import flint.harness.engine.UncaughtWasmException;
import java.util.Locale;

/** Turns what an engine threw into an {@link Outcome}. */
final class Failures {
    private Failures() {}

    static Outcome outcomeOf(Throwable e) {
        return switch (e) {
            case Trap trap -> new Outcome.Trapped(trap.kind(), trap.detail());
            case UncaughtWasmException u -> new Outcome.Uncaught(u.payload());
            case ModuleException m -> new Outcome.Rejected(m.kind(), m.getMessage(), unsupported(m));
            case LinkException l -> new Outcome.LinkFailed(l.kind(), l.detail());
            case EngineFailure f -> new Outcome.Failed(classify(f), f.getMessage());
            case EngineException other -> new Outcome.Failed(Outcome.Failure.INTERNAL, String.valueOf(other.getMessage()));
            case StackOverflowError so -> new Outcome.Trapped(flint.harness.engine.TrapKind.CALL_STACK_EXHAUSTED, "java stack overflow");
            case OutOfMemoryError oom -> new Outcome.Failed(Outcome.Failure.UNSUPPORTED, "resource limit: " + oom.getMessage());
            // an engine that throws something undeclared is broken; it is not the module's fault
            default -> new Outcome.Failed(unsupported(e) ? Outcome.Failure.UNSUPPORTED : Outcome.Failure.INTERNAL,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        };
    }

    /**
     * The class of an engine failure. Flint's engine words them "not supported by flint yet",
     * "compilation failed" and "native code malfunctioned"; the cause chain is checked too, since
     * an unsupported feature can surface through the compiler.
     */
    static Outcome.Failure classify(EngineFailure f) {
        if (unsupported(f)) return Outcome.Failure.UNSUPPORTED;
        var message = String.valueOf(f.getMessage()).toLowerCase(Locale.ROOT);
        if (message.startsWith("native code malfunctioned")) return Outcome.Failure.NATIVE_CRASH;
        if (message.startsWith("compilation failed")) return Outcome.Failure.COMPILER;
        return Outcome.Failure.INTERNAL;
    }

    static boolean unsupported(Throwable e) {
        for (var t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnsupportedOperationException || t.getClass().getSimpleName().equals("UnsupportedFeatureException")) {
                return true;
            }
            var message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("not supported") || message.contains("unsupported")) return true;
        }
        return false;
    }
}

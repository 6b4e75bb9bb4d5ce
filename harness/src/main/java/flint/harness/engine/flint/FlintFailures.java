package flint.harness.engine.flint;

import flint.compiler.CompiledModule;
import flint.harness.engine.EngineException;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.LinkException;
import flint.harness.engine.Trap;
import flint.harness.engine.TrapKind;
import flint.runtime.MalfunctionException;
import flint.runtime.UnlinkableException;
import flint.runtime.exec.TrapCode;
import flint.runtime.exec.TrapException;
import java.util.Optional;

/** Translates the native runtime's outcomes into the harness's engine-neutral exceptions. */
final class FlintFailures {

    private FlintFailures() {}

    /**
     * The harness exception for {@code e}, thrown by the runtime while instantiating or calling.
     * Caller mistakes ({@link IllegalArgumentException}) are not translated: the caller rethrows
     * them as they are.
     */
    static EngineException translate(RuntimeException e) {
        return switch (e) {
            case TrapException trap -> trap(trap);
            case UnlinkableException link -> new LinkException(switch (link.kind()) {
                case UNKNOWN_IMPORT -> LinkException.Kind.UNKNOWN_IMPORT;
                case INCOMPATIBLE_IMPORT_TYPE -> LinkException.Kind.INCOMPATIBLE_IMPORT_TYPE;
            }, link.detail(), link);
            case MalfunctionException malfunction -> new EngineFailure("native code malfunctioned: "
                    + malfunction.getMessage(), malfunction);
            case UnsupportedOperationException unsupported -> new EngineFailure("not supported by flint yet: "
                    + unsupported.getMessage(), unsupported);
            default -> new EngineFailure("flint runtime failure: " + e, e);
        };
    }

    /**
     * Like {@link #translate(RuntimeException)}; a call of a function the compiler stubbed
     * becomes an engine failure that names what {@code compiled} lacks (the stub may belong to
     * another module, whose reasons this one cannot name).
     */
    static EngineException translate(RuntimeException e, CompiledModule compiled) {
        if (e instanceof TrapException trap && trap.code() == TrapCode.UNSUPPORTED) {
            var reasons = compiled.unsupported().values().stream().map(Throwable::getMessage).toList();
            return new EngineFailure("not supported by flint yet: " + (reasons.isEmpty()
                    ? "a function the native compiler cannot translate yet was called"
                    : "a function the native compiler cannot translate yet was called: " + reasons.getFirst()
                            + (reasons.size() > 1 ? " (and " + (reasons.size() - 1) + " more)" : "")), trap);
        }
        return translate(e);
    }

    private static EngineException trap(TrapException trap) {
        var code = trap.code();
        if (code == TrapCode.HOST_ERROR) {
            return switch (trap.getCause()) {
                case HostCallFailure failure -> new Trap(TrapKind.HOST_ERROR, failure.getMessage(), failure.getCause());
                case null -> new Trap(TrapKind.HOST_ERROR, "a host function failed", trap);
                case Throwable cause -> new Trap(TrapKind.HOST_ERROR, "a host function failed: " + cause, cause);
            };
        }
        return kindOf(code)
                .<EngineException>map(kind -> new Trap(kind, code.message(), "flint: " + code.message(), null))
                .orElseGet(() -> new EngineFailure("flint trapped with " + code + ", which the harness has no kind for", trap));
    }

    /** The harness kind of a runtime trap code; its spec message is the code's message. */
    static Optional<TrapKind> kindOf(TrapCode code) {
        return TrapKind.of(code.wasmTrap());
    }

    /**
     * The runtime trap a harness {@link Trap} thrown by a host function stands for, so that it
     * traps the calling Wasm with the same kind (and a host error keeps its cause).
     */
    static TrapException toRuntime(Trap trap) {
        if (trap.kind() == TrapKind.HOST_ERROR) {
            var cause = trap.getCause() instanceof HostCallFailure ? trap.getCause() : new HostCallFailure(trap.detail(),
                    trap.getCause() != null ? trap.getCause() : trap);
            return new TrapException(TrapCode.HOST_ERROR, trap.getMessage(), cause);
        }
        var code = switch (trap.kind()) {
            case UNREACHABLE -> TrapCode.UNREACHABLE;
            case INTEGER_DIVIDE_BY_ZERO -> TrapCode.INTEGER_DIVIDE_BY_ZERO;
            case INTEGER_OVERFLOW -> TrapCode.INTEGER_OVERFLOW;
            case INVALID_CONVERSION -> TrapCode.INVALID_CONVERSION;
            case OUT_OF_BOUNDS_MEMORY -> TrapCode.OUT_OF_BOUNDS_MEMORY;
            case OUT_OF_BOUNDS_TABLE -> TrapCode.OUT_OF_BOUNDS_TABLE;
            case UNDEFINED_ELEMENT -> TrapCode.UNDEFINED_ELEMENT;
            case UNINITIALIZED_ELEMENT -> TrapCode.UNINITIALIZED_ELEMENT;
            case INDIRECT_CALL_TYPE_MISMATCH -> TrapCode.INDIRECT_CALL_TYPE_MISMATCH;
            case NULL_REFERENCE -> trap.getMessage().equals(TrapCode.NULL_FUNCTION_REFERENCE.message())
                    ? TrapCode.NULL_FUNCTION_REFERENCE : TrapCode.NULL_REFERENCE;
            case CALL_STACK_EXHAUSTED -> TrapCode.CALL_STACK_EXHAUSTED;
            case INTERRUPTED -> TrapCode.INTERRUPTED;
            case HOST_ERROR -> throw new AssertionError("handled above");
        };
        return new TrapException(code, trap.getMessage());
    }
}

package flint.harness.engine;

import java.util.Objects;

/**
 * The engine rejected the module bytes: malformed (the binary format is broken, the testsuite's
 * {@code assert_malformed}) or invalid (it decodes but does not type-check, {@code
 * assert_invalid}). The message is the engine's own, since engines word these freely.
 */
public final class ModuleException extends EngineException {

    public enum Kind { MALFORMED, INVALID }

    private final Kind kind;

    public ModuleException(Kind kind, String message, Throwable cause) {
        super(message, message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}

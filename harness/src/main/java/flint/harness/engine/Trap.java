package flint.harness.engine;

import java.util.Objects;

/**
 * Execution trapped. {@link #getMessage()} is one of {@link TrapKind#messages()}, the same for
 * every engine; {@link #detail()} is the engine's own text.
 */
public final class Trap extends EngineException {

    private final TrapKind kind;

    public Trap(TrapKind kind) {
        this(kind, kind.message(), null, null);
    }

    public Trap(TrapKind kind, String detail, Throwable cause) {
        this(kind, kind.message(), detail, cause);
    }

    /**
     * @param message one of {@code kind.messages()}, for kinds whose spec wording depends on the
     *     instruction (null references)
     */
    public Trap(TrapKind kind, String message, String detail, Throwable cause) {
        super(message, detail, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        if (!kind.messages().contains(message)) {
            throw new IllegalArgumentException("'" + message + "' is not a message of " + kind);
        }
    }

    public TrapKind kind() {
        return kind;
    }
}

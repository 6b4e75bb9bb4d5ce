package flint.harness.engine;

import java.util.Objects;

/**
 * Instantiation failed while resolving imports (the spec testsuite's {@code assert_unlinkable}).
 * Traps during instantiation, such as an out-of-bounds data segment, are {@link Trap}s instead.
 */
public final class LinkException extends EngineException {

    public enum Kind {
        UNKNOWN_IMPORT("unknown import"),
        INCOMPATIBLE_IMPORT_TYPE("incompatible import type");

        private final String message;

        Kind(String message) { this.message = message; }

        /** The spec testsuite's text. */
        public String message() { return message; }
    }

    private final Kind kind;

    public LinkException(Kind kind, String detail, Throwable cause) {
        super(kind.message(), detail, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}

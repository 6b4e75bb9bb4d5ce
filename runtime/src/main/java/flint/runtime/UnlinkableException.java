package flint.runtime;

import java.util.Objects;

/** Instantiation failed while resolving imports (the spec testsuite's {@code assert_unlinkable}). */
public final class UnlinkableException extends RuntimeException {

    public enum Kind {
        UNKNOWN_IMPORT("unknown import"),
        INCOMPATIBLE_IMPORT_TYPE("incompatible import type");

        private final String message;

        Kind(String message) {
            this.message = message;
        }

        /** The spec testsuite's text. */
        public String message() {
            return message;
        }
    }

    private final Kind kind;
    private final String detail;

    /** @param detail which import and why, e.g. {@code env.f: expected [i32] -> [], got [] -> []} */
    public UnlinkableException(Kind kind, String detail) {
        super(kind.message() + ": " + detail);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    public String detail() {
        return detail;
    }
}

package flint.wasm.model;

/** One catch clause of a try_table. {@code tag} is ignored (-1) for the catch_all kinds. */
public record Catch(Kind kind, int tag, int label) {
    public enum Kind {
        CATCH("catch"), CATCH_REF("catch_ref"), CATCH_ALL("catch_all"), CATCH_ALL_REF("catch_all_ref");

        private final String text;

        Kind(String text) { this.text = text; }

        public String text() { return text; }

        public boolean hasTag() { return this == CATCH || this == CATCH_REF; }

        public boolean pushesExnRef() { return this == CATCH_REF || this == CATCH_ALL_REF; }
    }
}

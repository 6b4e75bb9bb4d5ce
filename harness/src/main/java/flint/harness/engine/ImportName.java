package flint.harness.engine;

import java.util.Objects;

/** The two-level name an import is looked up by. */
public record ImportName(String module, String name) {
    public ImportName {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(name, "name");
    }

    @Override public String toString() {
        return module + "." + name;
    }
}

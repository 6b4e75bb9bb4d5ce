package flint.harness.engine;

import flint.wasm.model.ExternKind;
import java.util.Objects;

/** An export of an instance: its name and what it is. */
public record ExportDesc(String name, ExternType type) {
    public ExportDesc {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public ExternKind kind() {
        return type.kind();
    }

    @Override public String toString() {
        return name + ": " + type;
    }
}

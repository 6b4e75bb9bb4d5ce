package flint.compiler.x64;

import flint.compiler.microwasm.IntType;
import java.util.Objects;

/** One entry of the virtual value stack: where the value is and its type. */
public record StackEntry(Location location, IntType type) {
    public StackEntry {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(type, "type");
    }

    public StackEntry at(Location other) {
        return new StackEntry(other, type);
    }

    @Override public String toString() {
        return type + ":" + location;
    }
}

package flint.compiler.x64;

import flint.wasm.model.NumType;
import java.util.Objects;

/**
 * One entry of the virtual value stack: where the value is and its type. Integers live in
 * general-purpose registers, floats in SSE registers; either may be in a slot or a constant.
 */
public record StackEntry(Location location, NumType type) {
    public StackEntry {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(type, "type");
        if (location instanceof Location.Reg && !type.isInteger() || location instanceof Location.XReg && type.isInteger()) {
            throw new IllegalArgumentException(type + " value in " + location);
        }
    }

    /**
     * The machine class of a Wasm value type: numbers are themselves; a reference ({@code funcref}:
     * a function record's address, {@code externref}: a store handle, 0 = null) is a 64-bit
     * integer, so it lives in GPRs, slots and moves exactly as an i64 does. Only Microwasm's
     * typing tells them apart.
     */
    public static NumType machineType(flint.wasm.model.ValType type) {
        return switch (type) {
            case NumType n -> n;
            case flint.wasm.model.RefType r -> NumType.I64;
            case flint.wasm.model.VecType v -> throw new IllegalArgumentException("no vector values in the backend yet");
        };
    }

    public StackEntry at(Location other) {
        return new StackEntry(other, type);
    }

    /** Whether the value belongs in an SSE register (f32, f64). */
    public boolean isFloat() {
        return !type.isInteger();
    }

    @Override public String toString() {
        return type + ":" + location;
    }
}

package flint.harness.engine.microwasm;

import flint.wasm.model.NumType;
import flint.wasm.model.ValType;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Harness values to the interpreter's {@code long} slots and back: i32 sign-extended, floats as bits. */
final class Slots {
    private Slots() {}

    static long[] of(List<Value> values) {
        var slots = new long[values.size()];
        for (int i = 0; i < slots.length; i++) slots[i] = of(values.get(i));
        return slots;
    }

    static long of(Value value) {
        return switch (value) {
            case Value.I32 v -> v.value();
            case Value.I64 v -> v.value();
            case Value.F32 v -> v.bits();
            case Value.F64 v -> v.bits();
            default -> throw new UnsupportedValueException(value.type());
        };
    }

    static List<Value> values(List<ValType> types, long[] slots) {
        var out = new ArrayList<Value>(types.size());
        for (int i = 0; i < types.size(); i++) out.add(value(types.get(i), slots[i]));
        return out;
    }

    static Value value(ValType type, long slot) {
        if (!(type instanceof NumType n)) throw new UnsupportedValueException(type);
        return switch (n) {
            case I32 -> new Value.I32((int) slot);
            case I64 -> new Value.I64(slot);
            case F32 -> new Value.F32((int) slot);
            case F64 -> new Value.F64(slot);
        };
    }

    /** A value the interpreter's slots cannot carry (vectors, references): the engine cannot run this. */
    static final class UnsupportedValueException extends RuntimeException {
        UnsupportedValueException(ValType type) {
            super(type.text() + " values cannot cross into the Microwasm interpreter");
        }
    }
}

package flint.harness.engine.chicory;

import com.dylibso.chicory.runtime.Instance;
import flint.harness.engine.EngineFailure;
import flint.wasm.model.AbsHeapType;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts values to and from Chicory's {@code long[]} slots: i32 as a sign-extended long, floats
 * as raw bits (so NaN payloads survive), v128 as two slots (low, high), function and exception
 * references as indices into their owning instance, externrefs as numbers from the engine's
 * {@link ExternRefTable}, null as {@link com.dylibso.chicory.wasm.types.Value#REF_NULL_VALUE}.
 */
final class ChicoryValues {
    private static final long NULL = com.dylibso.chicory.wasm.types.Value.REF_NULL_VALUE;

    private final ExternRefTable externRefs;

    ChicoryValues(ExternRefTable externRefs) {
        this.externRefs = externRefs;
    }

    /** Slots for {@code values} (already checked against {@code types}) passed into {@code owner}. */
    long[] toSlots(List<ValType> types, List<Value> values, Instance owner) {
        var slots = new long[slotCount(types)];
        int s = 0;
        for (var value : values) {
            switch (value) {
                case Value.I32(int v) -> slots[s++] = v;
                case Value.I64(long v) -> slots[s++] = v;
                case Value.F32(int bits) -> slots[s++] = bits; // sign-extended, as Chicory's own Value.floatToLong
                case Value.F64(long bits) -> slots[s++] = bits;
                case Value.V128(long low, long high) -> {
                    slots[s++] = low;
                    slots[s++] = high;
                }
                case Value.FuncRef(Object handle) -> slots[s++] = ownedIndex(handle, owner, "funcref");
                case Value.ExnRef(Object handle) -> slots[s++] = ownedIndex(handle, owner, "exnref");
                case Value.ExternRef(Object handle) -> slots[s++] = handle == null ? NULL : externRefs.idOf(handle);
            }
        }
        return slots;
    }

    private static long ownedIndex(Object handle, Instance owner, String what) {
        if (handle == null) {
            return NULL;
        }
        if (handle instanceof ChicoryRef(Instance refOwner, int index) && refOwner == owner) {
            return index;
        }
        // A Chicory reference is an index into one instance's index space; it cannot be carried
        // into another instance or invented by the caller.
        throw new IllegalArgumentException(what + " " + handle + " does not belong to this Chicory instance");
    }

    /** Values for {@code slots} of {@code types} that came out of {@code owner}. */
    List<Value> fromSlots(List<ValType> types, long[] slots, Instance owner) {
        int expected = slotCount(types);
        int actual = slots == null ? 0 : slots.length;
        if (actual != expected) {
            throw new EngineFailure("Chicory returned " + actual + " slots for results " + types
                    + " (" + expected + " expected)", null);
        }
        var values = new ArrayList<Value>(types.size());
        int s = 0;
        for (var type : types) {
            if (type == VecType.V128) {
                values.add(new Value.V128(slots[s], slots[s + 1]));
                s += 2;
            } else {
                values.add(fromSlot(type, slots[s++], owner));
            }
        }
        return values;
    }

    /** One non-vector value; {@code owner} is the instance a function or exception index refers to. */
    Value fromSlot(ValType type, long slot, Instance owner) {
        return switch (type) {
            case NumType n -> switch (n) {
                case I32 -> new Value.I32((int) slot);
                case I64 -> new Value.I64(slot);
                case F32 -> new Value.F32((int) slot);
                case F64 -> new Value.F64(slot);
            };
            case VecType v -> throw new IllegalArgumentException("v128 takes two slots");
            case RefType r -> refFromSlot(r, slot, owner);
        };
    }

    private Value refFromSlot(RefType type, long slot, Instance owner) {
        boolean isNull = slot == NULL;
        AbsHeapType top = type.heap() instanceof AbsHeapType abs ? abs.top() : AbsHeapType.FUNC;
        return switch (top) {
            case FUNC -> isNull ? Value.FuncRef.NULL : new Value.FuncRef(new ChicoryRef(owner, (int) slot));
            case EXN -> isNull ? Value.ExnRef.NULL : new Value.ExnRef(new ChicoryRef(owner, (int) slot));
            case EXTERN -> isNull ? Value.ExternRef.NULL : new Value.ExternRef(externRefs.handleOf(slot));
            default -> throw new UnsupportedOperationException(
                    "the harness has no value for " + type.text() + " (GC references are not supported yet)");
        };
    }

    static int slotCount(List<ValType> types) {
        int n = 0;
        for (var t : types) {
            n += t == VecType.V128 ? 2 : 1;
        }
        return n;
    }
}

package flint.harness.engine.microwasm;

import flint.wasm.model.GlobalType;
import flint.wasm.value.Value;

/** A global's storage, shared by every instance that imports it. Holds any value type, as exports may be read. */
final class GlobalCell {
    final GlobalType type;
    private Value value;

    GlobalCell(GlobalType type, Value value) {
        this.type = type;
        this.value = value;
    }

    Value get() { return value; }

    void set(Value value) { this.value = value; }

    /** The value as an interpreter slot; the converter only lets integer globals into code. */
    long slot() { return Slots.of(value); }

    void setSlot(long slot) { value = Slots.value(type.type(), slot); }
}

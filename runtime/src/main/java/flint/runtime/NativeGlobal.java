package flint.runtime;

import flint.wasm.model.GlobalType;
import flint.wasm.value.Value;
import java.lang.foreign.MemorySegment;

/** A global as an export: its value cell, shared by every instance that imports it. */
public final class NativeGlobal implements Extern {

    /** Keeps the defining instance alive while this handle is reachable. */
    private final NativeInstance instance;
    final InstanceState state;
    private final GlobalType type;
    private final MemorySegment cell;

    NativeGlobal(NativeInstance instance, InstanceState state, InstanceState.Global global) {
        this.instance = instance;
        this.state = state;
        this.type = global.type();
        this.cell = global.cell();
    }

    public GlobalType type() {
        return type;
    }

    /** The current value. */
    public Value get() {
        return state.store.values().read(type.type(), cell, 0);
    }

    /**
     * Sets the value, as {@code global.set} would.
     *
     * @throws IllegalStateException if the global is immutable
     * @throws IllegalArgumentException if {@code value} is not of the global's type
     */
    public void set(Value value) {
        if (!type.mutable()) {
            throw new IllegalStateException("the global is immutable");
        }
        if (!ValueCodec.fits(type.type(), value)) {
            throw new IllegalArgumentException("a global of " + type.type().text() + " cannot hold " + value);
        }
        state.store.values().write(value, cell, 0);
    }

    InstanceState.Global global() {
        return new InstanceState.Global(type, cell);
    }

    @Override
    public String toString() {
        return "NativeGlobal[" + type + "]";
    }
}

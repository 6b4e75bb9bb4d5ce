package flint.runtime;

import flint.runtime.table.TableArray;
import flint.wasm.model.Limits;
import flint.wasm.model.TableType;
import flint.wasm.value.Value;

/**
 * A table as an export: live, shared by every instance that imports it. Its operations run where
 * the store runs Wasm, because growing the table moves its elements.
 */
public final class NativeTable implements Extern {

    /** Keeps the defining instance alive while this handle is reachable. */
    private final NativeInstance instance;
    final InstanceState state;
    private final InstanceState.Table table;

    NativeTable(NativeInstance instance, InstanceState state, InstanceState.Table table) {
        this.instance = instance;
        this.state = state;
        this.table = table;
    }

    /** The type the defining module declared. */
    public TableType type() {
        return table.type();
    }

    /** The table's current type for import matching: the current size as minimum, the declared maximum. */
    public Limits limits() {
        var declared = table.type().limits();
        return new Limits(size(), declared.max(), declared.address64(), declared.shared());
    }

    public long size() {
        return state.store.run(() -> table.array().size());
    }

    /** Element {@code index}; IndexOutOfBoundsException outside the table. */
    public Value get(long index) {
        var elementType = table.type().elementType();
        return state.store.run(() -> state.store.values().fromBits(elementType, table.array().get(index)));
    }

    /**
     * Sets element {@code index}, as {@code table.set} would.
     *
     * @throws IllegalArgumentException if {@code value} is not of the element type
     * @throws IndexOutOfBoundsException outside the table
     */
    public void set(long index, Value value) {
        requireElement(value);
        state.store.run(() -> {
            table.array().set(index, state.store.values().bits(value));
            return null;
        });
    }

    /** Wasm's {@code table.grow}: the old size, or -1. */
    public long grow(long delta, Value initialValue) {
        requireElement(initialValue);
        return state.store.run(() -> table.array().grow(delta, state.store.values().bits(initialValue)));
    }

    InstanceState.Table table() {
        return table;
    }

    TableArray array() {
        return table.array();
    }

    private void requireElement(Value value) {
        if (!ValueCodec.fits(table.type().elementType(), value)) {
            throw new IllegalArgumentException("a table of " + table.type().elementType().text() + " cannot hold " + value);
        }
    }

    @Override
    public String toString() {
        return "NativeTable[" + table.array() + "]";
    }
}

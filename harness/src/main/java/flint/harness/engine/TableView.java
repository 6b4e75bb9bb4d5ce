package flint.harness.engine;

import flint.wasm.model.RefType;
import flint.wasm.value.Value;

/** A live view of a table. */
public interface TableView {

    RefType elementType();

    /** The current number of elements. */
    long size();

    /**
     * The element at {@code index}: a {@link Value.FuncRef}, {@link Value.ExternRef} or
     * {@link Value.ExnRef}, possibly null.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not below {@link #size()}
     */
    Value get(long index);
}

package flint.harness.engine.microwasm;

import flint.harness.engine.TableView;
import flint.wasm.model.RefType;
import flint.wasm.model.TableType;
import flint.wasm.value.Value;
import java.util.Arrays;

/**
 * A table's storage. Code cannot reach tables yet (the converter rejects table instructions), but
 * modules still define, import, export and initialize them, and element segments can trap.
 */
final class TableCell implements TableView {
    final TableType type;
    private final Value[] elements;

    TableCell(TableType type, Value init) {
        this.type = type;
        if (type.limits().min() > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("table of " + type.limits().min() + " elements");
        this.elements = new Value[(int) type.limits().min()];
        Arrays.fill(elements, init);
    }

    @Override public RefType elementType() { return type.elementType(); }

    @Override public long size() { return elements.length; }

    @Override public Value get(long index) {
        java.util.Objects.checkIndex(index, elements.length);
        return elements[(int) index];
    }

    /** Writes {@code items} from {@code offset}; false (writing nothing) if they do not fit. */
    boolean initialize(long offset, Value[] items) {
        if (offset < 0 || offset + items.length > elements.length) return false;
        System.arraycopy(items, 0, elements, (int) offset, items.length);
        return true;
    }

    /** The declared maximum, if any, for import matching. */
    java.util.OptionalLong max() { return type.limits().max(); }
}

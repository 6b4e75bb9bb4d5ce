package flint.harness.engine.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import flint.harness.engine.TableView;
import flint.wasm.model.RefType;
import flint.wasm.value.Value;
import java.util.Objects;

/** A Chicory table as a {@link TableView}. */
final class ChicoryTableView implements TableView {
    private final TableInstance table;
    private final Instance owner;
    private final ChicoryValues values;
    private final RefType elementType;

    ChicoryTableView(TableInstance table, Instance owner, ChicoryValues values) {
        this.table = table;
        this.owner = owner;
        this.values = values;
        this.elementType = (RefType) ChicoryTypes.toFlint(table.elementType());
    }

    @Override public RefType elementType() {
        return elementType;
    }

    @Override public long size() {
        return table.size();
    }

    @Override public Value get(long index) {
        Objects.checkIndex(index, size());
        int i = (int) index;
        // Chicory stores, next to each function index, the instance the index belongs to
        var elementOwner = table.instance(i) != null ? table.instance(i) : owner;
        return values.fromSlot(elementType, table.ref(i), elementOwner);
    }
}

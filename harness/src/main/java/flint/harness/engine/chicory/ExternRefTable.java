package flint.harness.engine.chicory;

import com.dylibso.chicory.wasm.types.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each distinct externref handle a small non-negative number, because Chicory carries
 * externrefs as {@code long}s and stores them in tables as {@code int}s. Handles are compared with
 * {@code equals}, so {@code ExternRef(1)} passed twice is the same reference, as in the spec
 * testsuite's {@code ref.extern 1}. One table per engine object: instances of one engine share
 * references through imports and tables. Entries live as long as the engine.
 */
final class ExternRefTable {
    private final Map<Object, Integer> ids = new HashMap<>();
    private final List<Object> handles = new ArrayList<>();

    synchronized int idOf(Object handle) {
        return ids.computeIfAbsent(handle, h -> {
            handles.add(h);
            return handles.size() - 1;
        });
    }

    /** The handle of {@code id}; throws if Chicory produced a number this table never issued. */
    synchronized Object handleOf(long id) {
        if (id < 0 || id >= handles.size()) {
            throw new IllegalStateException("Chicory returned externref " + id
                    + " that was never passed in (null is " + Value.REF_NULL_VALUE + ")");
        }
        return handles.get((int) id);
    }
}

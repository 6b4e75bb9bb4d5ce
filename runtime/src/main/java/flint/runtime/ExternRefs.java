package flint.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's externref handles: native code holds an {@code externref} as a 64-bit handle, 0 for
 * null, and this table maps handles to the Java objects they stand for. Equal objects share a
 * handle, so a value that leaves Wasm compares equal to the one that went in.
 *
 * <p>Handles live as long as the store (Wasm may keep one in a global); a store is a unit of
 * work (one module under test), so the table does not outgrow its use.
 */
final class ExternRefs {

    private final Map<Object, Long> handles = new HashMap<>();
    private final List<Object> objects = new ArrayList<>();

    /** The handle of {@code object}; 0 for null. */
    synchronized long handle(Object object) {
        if (object == null) {
            return 0;
        }
        return handles.computeIfAbsent(object, o -> {
            objects.add(o);
            return (long) objects.size();
        });
    }

    /** The object of {@code handle}; null for 0. */
    synchronized Object object(long handle) {
        if (handle == 0) {
            return null;
        }
        if (handle < 0 || handle > objects.size()) {
            throw new MalfunctionException("native code produced externref handle " + handle
                    + ", which this store never issued");
        }
        return objects.get((int) handle - 1);
    }
}

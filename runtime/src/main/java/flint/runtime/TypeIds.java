package flint.runtime;

import flint.wasm.model.FuncType;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store's canonical function type ids: equal types get equal ids in every instance, so
 * {@code call_indirect} checks a callee's signature with one integer compare, also when the table
 * and the callee belong to other instances. Ids start at 1; no function has id 0.
 */
final class TypeIds {

    private final ConcurrentHashMap<FuncType, Integer> ids = new ConcurrentHashMap<>();

    int of(FuncType type) {
        return ids.computeIfAbsent(type, t -> ids.size() + 1);
    }
}

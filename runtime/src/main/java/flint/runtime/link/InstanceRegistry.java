package flint.runtime.link;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live instances by vmctx address, so that a runtime helper, which native code calls with
 * nothing but a vmctx, finds the Java state behind it. Helpers are shared by every module and
 * store (their addresses are baked into the code), hence one process-wide map.
 */
public final class InstanceRegistry {

    private static final Map<Long, HelperTarget> INSTANCES = new ConcurrentHashMap<>();

    private InstanceRegistry() {}

    public static void register(long vmctx, HelperTarget instance) {
        if (INSTANCES.putIfAbsent(vmctx, instance) != null) {
            throw new IllegalStateException("vmctx 0x%x is already registered".formatted(vmctx));
        }
    }

    public static void unregister(long vmctx) {
        INSTANCES.remove(vmctx);
    }

    /** The instance at {@code vmctx}, or null if none is registered there. */
    public static HelperTarget lookup(long vmctx) {
        return INSTANCES.get(vmctx);
    }
}

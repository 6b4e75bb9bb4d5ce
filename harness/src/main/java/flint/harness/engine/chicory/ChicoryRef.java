package flint.harness.engine.chicory;

import com.dylibso.chicory.runtime.Instance;

/**
 * The handle of a non-null function or exception reference that came out of Chicory: Chicory
 * represents both as an {@code int} that only means something inside the instance it came from.
 * Compared by identity of the instance, so a reference round-trips into the same instance.
 */
record ChicoryRef(Instance owner, int index) {
    @Override public boolean equals(Object o) {
        return o instanceof ChicoryRef(Instance otherOwner, int otherIndex)
                && owner == otherOwner && index == otherIndex;
    }

    @Override public int hashCode() {
        return System.identityHashCode(owner) * 31 + index;
    }

    @Override public String toString() {
        return "chicory ref " + index;
    }
}

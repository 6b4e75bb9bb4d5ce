package flint.runtime;

import flint.compiler.Abi;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store's map from function-record addresses (what native code holds as a {@code funcref};
 * see {@link Abi#FUNC_ENTRY_SIZE}) back to the functions they stand for, so a reference that leaves
 * Wasm becomes a callable {@link NativeFunction} and one that goes in becomes an address again.
 * Every instance registers its records when it is linked and removes them when it is freed.
 */
final class FunctionRecords {

    private record Owner(InstanceState state, int index) {}

    private final ConcurrentHashMap<Long, Owner> owners = new ConcurrentHashMap<>();

    void register(InstanceState state) {
        for (int f = 0; f < state.layout.functionCount(); f++) {
            owners.put(state.functionRecord(f), new Owner(state, f));
        }
    }

    void unregister(InstanceState state) {
        for (int f = 0; f < state.layout.functionCount(); f++) {
            owners.remove(state.functionRecord(f), new Owner(state, f));
        }
    }

    /** The reference to the function whose record is at {@code address}. */
    NativeFuncRef reference(long address) {
        var owner = owners.get(address);
        if (owner == null) {
            throw new MalfunctionException("native code produced funcref 0x" + Long.toHexString(address)
                    + ", which is no function record of this store");
        }
        return new NativeFuncRef(owner.state.function(owner.index), address);
    }

    /** The record address a funcref handle from Java stands for. */
    long address(Object handle) {
        return switch (handle) {
            case NativeFuncRef ref when owners.containsKey(ref.record()) -> ref.record();
            case InstanceFunction f -> f.state.functionRecord(f.index());
            case NativeFuncRef ref -> throw new IllegalArgumentException(ref + " belongs to another store or a freed instance");
            case HostFunction h -> throw new UnsupportedOperationException(
                    "a host function becomes a funcref only by being imported: import it and pass that reference");
            default -> throw new IllegalArgumentException("not a function reference of the native runtime: " + handle);
        };
    }
}

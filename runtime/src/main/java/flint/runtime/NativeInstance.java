package flint.runtime;

import flint.wasm.model.ExternKind;
import java.lang.ref.Cleaner;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An instance of a {@link NativeModule} in a {@link NativeStore}: its exports by name, its memories
 * and globals, its functions callable from Java.
 *
 * <p>Instantiation runs where the store runs Wasm (its thread, by default), like calls.
 *
 * <p>Lifetime: {@link #close()} releases the instance; so does the garbage collector once neither
 * it nor any of its export handles is reachable. Its memory, vmctx and code stay while instances
 * that imported from it live, and are freed only while no Wasm runs in the store.
 */
public final class NativeInstance implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();

    private final InstanceState state;
    private final Cleaner.Cleanable cleanable;
    private final Map<String, Extern> exports;

    private NativeInstance(InstanceState state) {
        this.state = state;
        // the action holds the state, never this object, so this object can become unreachable
        this.cleanable = CLEANER.register(this, state::release);
        state.setOwner(this);
        this.exports = buildExports();
    }

    /**
     * Instantiates {@code module} in {@code store}: links the imports, creates the memories and
     * globals, applies the active data segments and runs the start function.
     *
     * @throws UnlinkableException if an import is missing or of the wrong type
     * @throws flint.runtime.exec.TrapException if a data segment is out of bounds or the start
     *     function traps
     * @throws flint.runtime.memory.MemoryLimitException if a memory exceeds the host's limits
     * @throws UnsupportedOperationException if the module uses what the runtime lacks yet
     * @throws IllegalArgumentException if an import belongs to another store
     */
    public static NativeInstance instantiate(NativeStore store, NativeModule module, ImportResolver imports) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(imports, "imports");
        // where the store runs Wasm: writes to shared memories and frees of failed instances wait
        // for running code, and the start function runs inline
        return store.run(() -> instantiateHere(store, module, imports));
    }

    private static NativeInstance instantiateHere(NativeStore store, NativeModule module, ImportResolver imports) {
        var state = Instantiation.link(store, module, imports);
        NativeInstance instance;
        try {
            instance = new NativeInstance(state);
        } catch (RuntimeException | Error e) {
            state.release();
            throw e;
        }
        try {
            Instantiation.initialize(instance, state);
            return instance;
        } catch (RuntimeException | Error e) {
            instance.close();
            throw e;
        }
    }

    public NativeStore store() {
        return state.store;
    }

    public NativeModule module() {
        return state.module;
    }

    /** The vmctx's address, for debugging and disassembly listings. */
    public long vmctxAddress() {
        return state.vmctx.address();
    }

    /** Every export by name, in the module's export order. */
    public Map<String, Extern> exports() {
        return exports;
    }

    public Optional<Extern> export(String name) {
        return Optional.ofNullable(exports.get(name));
    }

    /** The exported function {@code name}; IllegalArgumentException if there is none. */
    public NativeFunction function(String name) {
        return export(name, NativeFunction.class, ExternKind.FUNC);
    }

    /** The exported memory {@code name}; IllegalArgumentException if there is none. */
    public NativeMemory memory(String name) {
        return export(name, NativeMemory.class, ExternKind.MEMORY);
    }

    /** The exported global {@code name}; IllegalArgumentException if there is none. */
    public NativeGlobal global(String name) {
        return export(name, NativeGlobal.class, ExternKind.GLOBAL);
    }

    /** The exported table {@code name}; IllegalArgumentException if there is none. */
    public NativeTable table(String name) {
        return export(name, NativeTable.class, ExternKind.TABLE);
    }

    /** Memory 0, exported or not (the oracle compares it), or empty if the module has none. */
    public Optional<NativeMemory> defaultMemory() {
        return state.memories.isEmpty() ? Optional.empty() : Optional.of(memory(0));
    }

    /** Function {@code index} of the function index space: an import's extern or a function of this instance. */
    public NativeFunction function(int index) {
        return state.function(index);
    }

    /** Memory {@code index} of the memory index space. */
    public NativeMemory memory(int index) {
        int imported = state.importedMemories.size();
        return index < imported ? state.importedMemories.get(index)
                : new NativeMemory(this, state, state.memories.get(index));
    }

    /** Global {@code index} of the global index space. */
    public NativeGlobal global(int index) {
        int imported = state.importedGlobals.size();
        return index < imported ? state.importedGlobals.get(index)
                : new NativeGlobal(this, state, state.globals.get(index));
    }

    /** Table {@code index} of the table index space. */
    public NativeTable table(int index) {
        int imported = state.importedTables.size();
        return index < imported ? state.importedTables.get(index)
                : new NativeTable(this, state, state.tables.get(index));
    }

    /** Releases the instance (see the class comment); idempotent. */
    @Override
    public void close() {
        cleanable.clean();
    }

    private Map<String, Extern> buildExports() {
        var byName = new LinkedHashMap<String, Extern>();
        for (var export : state.module.compiled().module().exports()) {
            Extern extern = switch (export.kind()) {
                case FUNC -> function(export.index());
                case MEMORY -> memory(export.index());
                case GLOBAL -> global(export.index());
                case TABLE -> table(export.index());
                case TAG -> throw new UnsupportedOperationException("tag exports are not supported by the native runtime yet");
            };
            byName.put(export.name(), extern);
        }
        return Collections.unmodifiableMap(byName);
    }

    private <T extends Extern> T export(String name, Class<T> type, ExternKind kind) {
        var extern = exports.get(name);
        if (extern == null) {
            throw new IllegalArgumentException("no export named " + name);
        }
        if (!type.isInstance(extern)) {
            throw new IllegalArgumentException("export " + name + " is not a " + kind.text());
        }
        return type.cast(extern);
    }

    @Override
    public String toString() {
        return "NativeInstance[" + state.module.compiled() + ", exports " + exports.keySet() + "]";
    }
}

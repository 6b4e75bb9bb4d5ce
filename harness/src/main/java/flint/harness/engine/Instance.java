package flint.harness.engine;

import flint.wasm.model.FuncType;
import flint.wasm.value.Value;
import java.util.List;
import java.util.Optional;

/**
 * An instantiated module. Only exports are reachable, except for the default memory (memory 0),
 * which the oracle compares even when a module does not export it.
 *
 * <p>Instances are not thread-safe: call one from one thread at a time. Only {@link #interrupt()}
 * may be called from another thread.
 */
public interface Instance {

    /** The engine that made this instance. */
    Engine engine();

    /** Every export in the module's export order. */
    List<ExportDesc> exports();

    /** The export called {@code name}, if any. */
    default Optional<ExportDesc> export(String name) {
        return exports().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The signature of the exported function {@code name}. */
    default FuncType functionType(String name) {
        var desc = export(name).orElseThrow(() -> new IllegalArgumentException("unknown export: " + name));
        if (!(desc.type() instanceof ExternType.Func(FuncType type))) {
            throw new IllegalArgumentException("export " + name + " is a " + desc.kind().text() + ", not a function");
        }
        return type;
    }

    /**
     * Calls the exported function {@code name}.
     *
     * @return the results, one per result type of the function
     * @throws Trap if execution traps
     * @throws UncaughtWasmException if a Wasm exception escapes the function
     * @throws EngineFailure if the engine breaks
     * @throws IllegalArgumentException if there is no such function export or the arguments do not
     *     match its parameter types (see {@link Signatures#checkArguments})
     */
    List<Value> call(String name, List<Value> args);

    default List<Value> call(String name, Value... args) {
        return call(name, List.of(args));
    }

    /**
     * Asks the call running on this instance, from whichever thread, to stop with a
     * {@link TrapKind#INTERRUPTED} trap. Engines check at loop back-edges and calls, so a call
     * stops soon but not at once. Does nothing when no call is running. Safe from any thread; this
     * is how a watchdog bounds runaway code.
     */
    void interrupt();

    /** Memory 0, whether exported or not, or empty if the module has no memory. */
    Optional<MemoryView> defaultMemory();

    /** The exported memory {@code name}; IllegalArgumentException if there is none. */
    MemoryView memory(String name);

    /** The current value of the exported global {@code name}; IllegalArgumentException if there is none. */
    Value global(String name);

    /** The exported table {@code name}; IllegalArgumentException if there is none. */
    TableView table(String name);
}

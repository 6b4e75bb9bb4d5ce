package flint.harness.engine;

/**
 * A WebAssembly engine: turns module bytes plus imports into a running {@link Instance}.
 *
 * <p>Implementations decode, validate, link and instantiate (running active segments and the start
 * function) in one step, because that is the unit every engine can offer and the unit the spec
 * testsuite's {@code module} command describes. Instances made by one engine object may be linked
 * into other instances of the same engine object through {@link Imports}; they cannot be mixed
 * across engines.
 */
public interface Engine {

    /** A short stable name used on the command line and in reports, e.g. {@code chicory}. */
    String name();

    /**
     * Decodes, validates, links and instantiates {@code module}.
     *
     * @throws ModuleException if the engine finds the module malformed or invalid
     * @throws LinkException if an import is missing or has an incompatible type
     * @throws Trap if instantiation traps (an out-of-bounds segment, a trapping start function)
     * @throws UncaughtWasmException if the start function throws a Wasm exception
     * @throws EngineFailure if the engine breaks or cannot handle the module
     * @throws IllegalArgumentException if {@code imports} holds an export of another engine
     *     object's instance, or a host function whose type the engine cannot express
     */
    Instance instantiate(byte[] module, Imports imports);

    /** Instantiates a module that imports nothing. */
    default Instance instantiate(byte[] module) {
        return instantiate(module, Imports.NONE);
    }
}

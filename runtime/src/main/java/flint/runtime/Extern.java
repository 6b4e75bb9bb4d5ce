package flint.runtime;

/**
 * Something an instance exports and another imports: a function, a memory, a global or a table.
 * Tags will join when the runtime supports them.
 *
 * <p>Externs of instances are tied to their store: a module can import them only into an instance
 * of the same store (one execution context unwinds every trap). An extern keeps its instance alive
 * while it is reachable; a {@link HostFunction} belongs to no store.
 */
public sealed interface Extern permits NativeFunction, NativeMemory, NativeGlobal, NativeTable {}

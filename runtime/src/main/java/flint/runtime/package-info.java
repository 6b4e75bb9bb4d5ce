/**
 * The embedding API of the native runtime: load a {@link flint.compiler.CompiledModule} as a
 * {@link flint.runtime.NativeModule}, instantiate it in a {@link flint.runtime.NativeStore} against
 * imports ({@link flint.runtime.ImportResolver}), and use its exports: functions called with typed
 * {@link flint.wasm.value.Value}s, memories, globals.
 *
 * <p>A store is one execution context and one thread running Wasm; its instances may import from
 * each other. Calls that trap throw {@link flint.runtime.exec.TrapException}; linking failures are
 * {@link flint.runtime.UnlinkableException}s; a Java exception never crosses native frames. The
 * native ABI these classes implement is described in {@code runtime/README.md}.
 */
package flint.runtime;

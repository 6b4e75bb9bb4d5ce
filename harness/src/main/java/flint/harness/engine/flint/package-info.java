/**
 * The native engine: Flint's front end, a compiler to x86-64 ({@link flint.compiler.CompiledModule})
 * and the runtime ({@link flint.runtime.NativeInstance}) behind the harness's
 * {@link flint.harness.engine.Engine} interface. Runtime traps become {@link flint.harness.engine.Trap}s
 * of the matching kind, link errors {@link flint.harness.engine.LinkException}s, host function
 * failures host-error traps; no Java exception ever crosses native frames.
 */
package flint.harness.engine.flint;

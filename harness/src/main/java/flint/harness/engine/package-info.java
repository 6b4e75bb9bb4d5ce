/**
 * One interface for every engine that runs Wasm: Flint's native compiler, Chicory's interpreter
 * (the reference), Chicory's JVM-bytecode compiler, and later V8.
 *
 * <p>An {@link flint.harness.engine.Engine} instantiates module bytes against
 * {@link flint.harness.engine.Imports} and returns an {@link flint.harness.engine.Instance}, which
 * calls exports with {@link flint.wasm.value.Value}s and exposes memories, globals and tables for
 * the oracle to compare. Everything that can go wrong is an
 * {@link flint.harness.engine.EngineException}, a sealed family the oracle can switch over:
 * {@link flint.harness.engine.Trap} (with an engine-neutral {@link flint.harness.engine.TrapKind}),
 * {@link flint.harness.engine.LinkException}, {@link flint.harness.engine.ModuleException},
 * {@link flint.harness.engine.UncaughtWasmException} and {@link flint.harness.engine.EngineFailure}.
 * Mistakes by the caller (an unknown export, arguments of the wrong type) are
 * {@link java.lang.IllegalArgumentException}s, never engine outcomes.
 */
package flint.harness.engine;

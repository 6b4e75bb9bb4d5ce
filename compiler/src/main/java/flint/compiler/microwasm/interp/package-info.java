/**
 * An interpreter of Microwasm, for testing only: a differential oracle that runs exactly what the
 * converter produced with Wasm's semantics, so that a divergence between it and a Wasm engine
 * points at the converter and one between it and native code at the backend. The harness wraps it
 * as the {@code microwasm} engine.
 *
 * <ul>
 *   <li>{@link flint.compiler.microwasm.interp.Interpreter}: runs functions of a converted module;
 *   <li>{@link flint.compiler.microwasm.interp.Environment}: memory, globals and imports, provided
 *       by the embedder;
 *   <li>{@link flint.compiler.microwasm.interp.ByteMemory}: a linear memory in a Java array;
 *   <li>{@link flint.compiler.microwasm.interp.InterpreterTrap}: a trap, with the
 *       {@link flint.compiler.WasmTrap} native code would report.
 * </ul>
 */
package flint.compiler.microwasm.interp;

/**
 * Microwasm: the first stage of Flint's one-pass compiler (Lightbeam's design). Each function's
 * Wasm operators, read one at a time and validated in lockstep, become a flat, typed stream of
 * {@link flint.compiler.microwasm.MicroOp}s that a backend with a virtual value stack consumes in
 * one pass, without ever seeing structured control, locals or dead code.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link flint.compiler.microwasm.MicroOp}: the operators, each documented with its stack
 *       effect; {@link flint.compiler.microwasm.Label}, {@link flint.compiler.microwasm.Target},
 *       {@link flint.compiler.microwasm.BrTarget} and {@link flint.compiler.microwasm.DropRange}
 *       describe jumps; {@link flint.compiler.microwasm.IntType},
 *       {@link flint.compiler.microwasm.FloatType} and the operator enums type the number
 *       operations; {@link flint.compiler.microwasm.IntSemantics} and
 *       {@link flint.compiler.microwasm.FloatSemantics} define them once, for constant folding and
 *       the interpreter;
 *   <li>{@link flint.compiler.microwasm.MicrowasmConverter}: the conversion, streaming into a
 *       {@link flint.compiler.microwasm.MicrowasmSink} (a {@link flint.compiler.microwasm.CollectingSink}
 *       keeps {@link flint.compiler.microwasm.MicrowasmFunction}s); {@link flint.compiler.microwasm.MicrowasmModule}
 *       converts a whole module, keeping functions it cannot handle yet as rejected;
 *   <li>{@link flint.compiler.microwasm.MicrowasmChecker}: verifies a stream keeps Microwasm's rules
 *       (typing, labels, jump arguments, caller counts), for tests and while debugging a backend;
 *   <li>{@link flint.compiler.microwasm.MicrowasmPrinter}: the text form, one operator per line;
 *   <li>{@link flint.compiler.microwasm.UnsupportedFeatureException}: valid code this stage does not
 *       compile yet (vectors, tables, bulk memory, references, exceptions, tail
 *       calls, multiple or 64-bit memories), named with its function and instruction;
 *   <li>{@link flint.compiler.microwasm.interp}: an interpreter of Microwasm, the test oracle that
 *       separates converter bugs from backend bugs.
 * </ul>
 *
 * <h2>For the backend driver</h2>
 * A block's calling convention (where each of its parameters lives on entry) is fixed by the first
 * jump that reaches it; later jumps conform. {@link flint.compiler.microwasm.MicroOp.DeclareBlock}
 * says what is known in advance: a block declared with exactly one caller (an {@code if} arm, a
 * {@code br_if} fall-through) may simply take over the caller's value locations, constants
 * included; a loop header will be jumped to again from below with the convention its entry fixed.
 * The final caller counts of every block come with {@link flint.compiler.microwasm.MicrowasmSink#endFunction}.
 */
package flint.compiler.microwasm;

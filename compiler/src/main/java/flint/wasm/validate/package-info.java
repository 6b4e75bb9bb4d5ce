/**
 * The validator: every rule of the spec's validation chapter for Wasm 2.0 and the Wasm 3.0
 * features short of the GC type system (tail calls, extended constants, multiple and 64-bit
 * memories and tables, exception handling, typed function references), reporting the spec
 * testsuite's wording.
 *
 * <ul>
 *   <li>{@link flint.wasm.validate.Validator}: entry points (whole module, module level only, one body);
 *   <li>{@link flint.wasm.validate.FunctionValidator}: one body an instruction at a time, in lockstep
 *       with a single-pass consumer that can ask it about operand types, reachability and labels;
 *   <li>{@link flint.wasm.validate.ModuleContext}: the validation context C, shared by bodies;
 *   <li>{@link flint.wasm.validate.Subtyping}: value type matching, with structural equivalence of
 *       function types;
 *   <li>{@link flint.wasm.validate.InvalidModuleException}: the error, its message prefixed with the
 *       spec's wording.
 * </ul>
 *
 * Internally: {@code ModuleValidator} and {@code ConstExprValidator} check the module level;
 * {@code OperandStack}, {@code ControlStack} and {@code Locals} hold the algorithm's state; the
 * {@code *Rules} classes type the instructions that have no fixed signature, and
 * {@code Signatures} types the rest from {@link flint.wasm.model.Opcode#signature()}.
 */
package flint.wasm.validate;

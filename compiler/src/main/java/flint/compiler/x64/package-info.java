/**
 * The x86-64 backend of the streaming compiler, one concern per class:
 * <ul>
 *   <li>{@link flint.compiler.x64.ValueStack} of {@link flint.compiler.x64.Location}s (general
 *       register for integers, SSE register for floats, stack slot, constant, condition flags of
 *       a comparison not yet materialized);</li>
 *   <li>{@link flint.compiler.x64.RegisterAllocator}: one-pass allocation over that stack with
 *       reference-counted registers and slots, spilling the oldest value under pressure, evicting
 *       the occupants of fixed registers, spilling everything at calls;</li>
 *   <li>{@link flint.compiler.x64.InstructionSelector}: straight-line operators, with constants
 *       folded (whole operations, or into immediates) and explicit trap checks; float arithmetic,
 *       comparisons and select in {@link flint.compiler.x64.FloatSelector}, conversions between
 *       integers and floats in {@link flint.compiler.x64.FloatConversions};</li>
 *   <li>{@link flint.compiler.x64.ControlFlow}: jumps, fused compare-and-branch, jump tables,
 *       returns, block conventions; {@link flint.compiler.x64.Moves}: moves and parallel
 *       moves;</li>
 *   <li>{@link flint.compiler.x64.Frame} (a fixed frame, its size patched at the end),
 *       {@link flint.compiler.x64.TrapStubs} (out-of-line trap paths), and
 *       {@link flint.compiler.x64.X64Backend} that wires them to the driver.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>An i32 in a register has its upper 32 bits zero, so it is also its zero-extended i64 (a
 *       memory address needs no extra instruction, {@code i64.extend_i32_u} of a register is
 *       free). An i32 in a slot is read with a 32-bit load (only its low 4 bytes count).</li>
 *   <li>A shared register or slot is never written; an instruction that modifies an operand in
 *       place first gets an exclusive copy ({@link flint.compiler.x64.RegisterAllocator#exclusive}).
 *       A slot's contents never change while anything refers to it.</li>
 *   <li>Only the top of the stack may be in the flags; every operator except {@code select},
 *       {@code eqz} and {@code br_if} materializes it first, and moves never touch the flags.</li>
 *   <li>A float in an SSE register occupies its low lane (the rest is garbage); in a slot or a
 *       constant it is its bit pattern. Floats are moved as bits ({@code movss}/{@code movsd}/
 *       {@code movaps}/{@code movd}), never through a conversion, so NaN payloads survive.</li>
 *   <li>R10 and R11, XMM14 and XMM15 are scratch registers, never allocated; R14 holds the vmctx, R15 the base of
 *       memory 0 (see {@link flint.compiler.Abi}); RSP does not move in the body.</li>
 *   <li>No signals: every trap is a compare and a branch to a stub. Memory accesses check
 *       {@code zero-extended address + offset + size <= length} in 64-bit arithmetic; division
 *       checks zero and {@code MIN / -1}; prologues check the stack limit and the interrupt flag,
 *       loop headers the interrupt flag.</li>
 * </ul>
 *
 * <p>The assembler and its operand types are in {@link flint.compiler.x64.asm}.
 */
package flint.compiler.x64;

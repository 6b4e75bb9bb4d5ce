/**
 * The backend driver: the loop over a function's Microwasm
 * ({@link flint.compiler.driver.BackendDriver}, a {@link flint.compiler.microwasm.MicrowasmSink}),
 * which keeps each block's calling convention and hands a {@link flint.compiler.driver.Backend}
 * straight-line operators and jumps ({@link flint.compiler.driver.Edge}s) between settled
 * conventions. It knows nothing of machine code; the x86-64 backend is
 * {@link flint.compiler.x64.X64Backend}.
 *
 * <h2>Block conventions</h2>
 * Lightbeam's rule: a block's convention is fixed by the first jump that reaches it.
 * <ul>
 *   <li>A block with exactly one forward caller (an {@code if}'s arms, a {@code br_if}'s
 *       fall-through) takes the caller's locations as they are: constants stay constants, shared
 *       registers stay shared, and the jump costs no move.</li>
 *   <li>Any other block, loop headers included, gets a convention fitted to the state of its first
 *       caller: values that sit alone in a register or slot stay there, the others (constants,
 *       second references) get free registers, then free slots. Later callers move their values
 *       into it with one parallel move.</li>
 * </ul>
 * Why not Winch's spill-everything-at-block-boundaries: with locals on the value stack, every
 * local would live in memory across every branch and loop iteration. Why not Liftoff's merge
 * snapshots: the driver would have to know the block's callers in advance, which Microwasm only
 * partly says. The first-caller convention keeps loop variables in registers with no extra pass,
 * and the parallel move at the other callers is the only cost.
 */
package flint.compiler.driver;

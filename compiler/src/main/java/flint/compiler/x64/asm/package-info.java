/**
 * An x86-64 machine-code assembler: the encoding layer under the streaming compiler's backend.
 *
 * <p>Operands are plain values: {@link flint.compiler.x64.asm.Gpr} and {@link flint.compiler.x64.asm.Xmm}
 * registers, {@link flint.compiler.x64.asm.Mem} addresses and {@link flint.compiler.x64.asm.Imm}
 * immediates, grouped by the sealed interfaces {@link flint.compiler.x64.asm.GprMem} ("r/m" of a
 * general instruction), {@link flint.compiler.x64.asm.XmmMem} ("xmm/m" of an SSE instruction) and
 * {@link flint.compiler.x64.asm.Operand}. The operand size of a general-purpose instruction is an
 * explicit {@link flint.compiler.x64.asm.Size} argument, never inferred from the registers, because a
 * Wasm i32 and i64 live in the same registers.
 *
 * <p>{@link flint.compiler.x64.asm.Assembler} is the one object the backend drives. Its instruction
 * methods are spread over {@link flint.compiler.x64.asm.GprInstructions} and
 * {@link flint.compiler.x64.asm.SseInstructions} (sealed interfaces whose only implementation is the
 * assembler) so that each file has one job. All of them bottom out in
 * {@link flint.compiler.x64.asm.Encoder}, which knows prefixes, REX, ModRM, SIB and displacements and
 * nothing about mnemonics.
 *
 * <p>Every encoding is written from the Intel SDM's opcode tables and checked against GNU objdump by
 * the tests; {@link flint.compiler.x64.asm.Disassembler} wraps objdump for the CLI as well.
 */
package flint.compiler.x64.asm;

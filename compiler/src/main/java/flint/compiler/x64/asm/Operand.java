package flint.compiler.x64.asm;

/**
 * Any instruction operand: a {@link Gpr}, an {@link Xmm}, a {@link Mem} or an {@link Imm}. The backend's
 * value locations (register, stack slot, constant) map one-to-one onto these, which lets it pass a
 * location to the generic forms such as {@link GprInstructions#alu(AluOp, Size, GprMem, Operand)}.
 */
public sealed interface Operand permits GprMem, XmmMem, Imm {}

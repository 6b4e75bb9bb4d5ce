package flint.compiler.x64.asm;

/** The "r/m" operand of a general-purpose instruction: a {@link Gpr} or a {@link Mem}. */
public sealed interface GprMem extends Operand permits Gpr, Mem {}

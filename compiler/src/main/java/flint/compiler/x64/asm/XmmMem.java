package flint.compiler.x64.asm;

/** The "xmm/m" operand of an SSE instruction: an {@link Xmm} or a {@link Mem}. */
public sealed interface XmmMem extends Operand permits Xmm, Mem {}

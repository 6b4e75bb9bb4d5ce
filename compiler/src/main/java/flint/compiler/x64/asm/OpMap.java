package flint.compiler.x64.asm;

/**
 * The opcode maps of legacy (non-VEX) encodings: the escape bytes that precede the final opcode
 * byte.
 */
public enum OpMap {
    /** one-byte opcodes */
    PRIMARY,
    /** two-byte opcodes, {@code 0F xx} */
    M0F,
    /** three-byte opcodes, {@code 0F 38 xx} (SSSE3, SSE4.1) */
    M0F38,
    /** three-byte opcodes with an imm8, {@code 0F 3A xx ib} (SSSE3, SSE4.1) */
    M0F3A;

    void emit(CodeBuffer buf) {
        switch (this) {
            case PRIMARY -> {}
            case M0F -> buf.emit8(0x0F);
            case M0F38 -> {
                buf.emit8(0x0F);
                buf.emit8(0x38);
            }
            case M0F3A -> {
                buf.emit8(0x0F);
                buf.emit8(0x3A);
            }
        }
    }
}

package flint.compiler.x64.asm;

/**
 * The eight classic two-operand ALU operations. They share one encoding scheme (Intel SDM "ADD",
 * "OR", ...): with {@code n} the {@link #digit()},
 * {@code 8n+0 /r} is {@code op r/m8, r8}, {@code 8n+1 /r} {@code op r/m, r}, {@code 8n+2 /r}
 * {@code op r8, r/m8}, {@code 8n+3 /r} {@code op r, r/m}, {@code 8n+4 ib} {@code op al, imm8},
 * {@code 8n+5 id} {@code op eax, imm32}, and the immediate group {@code 80/81/83 /n}.
 */
public enum AluOp {
    ADD, OR, ADC, SBB, AND, SUB, XOR, CMP;

    /** The ModRM.reg opcode extension in the 80/81/83 group; also {@code opcode base / 8}. */
    public int digit() {
        return ordinal();
    }

    int base() {
        return ordinal() << 3;
    }
}

package flint.compiler.x64.asm;

/**
 * Rotates and shifts of the C0/C1/D0–D3 group; the value is the ModRM.reg opcode extension
 * (/6 is an undocumented alias of SHL and is never emitted).
 */
public enum ShiftOp {
    ROL(0), ROR(1), RCL(2), RCR(3), SHL(4), SHR(5), SAR(7);

    private final int digit;

    ShiftOp(int digit) {
        this.digit = digit;
    }

    public int digit() {
        return digit;
    }
}

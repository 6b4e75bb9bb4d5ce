package flint.compiler.x64.asm;

/**
 * The rounding-control immediate of ROUNDSS/ROUNDSD/ROUNDPS/ROUNDPD (bits 1:0, with bit 2 clear so
 * the immediate rather than MXCSR decides). These are Wasm's nearest, floor, ceil and trunc.
 */
public enum RoundingMode {
    NEAREST(0), FLOOR(1), CEIL(2), TRUNC(3);

    private final int imm;

    RoundingMode(int imm) {
        this.imm = imm;
    }

    public int imm() {
        return imm;
    }
}

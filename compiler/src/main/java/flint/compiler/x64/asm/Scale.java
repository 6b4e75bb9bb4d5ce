package flint.compiler.x64.asm;

/** The index scale of a SIB-addressed memory operand; {@link #bits()} is the SIB.scale field. */
public enum Scale {
    ONE(1), TWO(2), FOUR(4), EIGHT(8);

    private final int factor;

    Scale(int factor) {
        this.factor = factor;
    }

    public static Scale of(int factor) {
        return switch (factor) {
            case 1 -> ONE;
            case 2 -> TWO;
            case 4 -> FOUR;
            case 8 -> EIGHT;
            default -> throw new IllegalArgumentException("scale must be 1, 2, 4 or 8: " + factor);
        };
    }

    /** The scale for elements of {@code size} bytes, e.g. FOUR for an i32 table. */
    public static Scale of(Size size) {
        return of(size.bytes());
    }

    public int factor() {
        return factor;
    }

    int bits() {
        return ordinal();
    }
}

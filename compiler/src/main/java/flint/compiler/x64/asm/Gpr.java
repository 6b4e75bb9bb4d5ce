package flint.compiler.x64.asm;

/**
 * The sixteen general-purpose registers, in hardware encoding order (the ordinal is the 4-bit
 * register number; bit 3 goes into REX.R, REX.X or REX.B).
 *
 * <p>In byte-sized instructions the encodings 4–7 mean SPL, BPL, SIL and DIL only when a REX prefix
 * is present (without one they mean AH, CH, DH, BH). The assembler always emits a REX prefix in that
 * case, so the high-byte registers AH–BH are not reachable, and nothing needs them.
 */
public enum Gpr implements GprMem {
    RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI,
    R8, R9, R10, R11, R12, R13, R14, R15;

    private static final Gpr[] VALUES = values();
    private static final String[] LEGACY = {"a", "c", "d", "b", "sp", "bp", "si", "di"};

    public static Gpr of(int encoding) {
        return VALUES[encoding];
    }

    /** The 4-bit hardware register number. */
    public int encoding() {
        return ordinal();
    }

    /** Whether the register needs a REX extension bit (R8–R15). */
    public boolean isExtended() {
        return ordinal() >= 8;
    }

    /** Whether a byte-sized use of this register needs a REX prefix to mean SPL/BPL/SIL/DIL. */
    boolean byteNeedsRex() {
        int e = ordinal();
        return e >= 4 && e <= 7;
    }

    /** The Intel name of this register at the given operand size ({@code eax}, {@code r9b}, ...). */
    public String name(Size size) {
        int e = ordinal();
        if (e >= 8) {
            return switch (size) {
                case S8 -> "r" + e + "b";
                case S16 -> "r" + e + "w";
                case S32 -> "r" + e + "d";
                case S64 -> "r" + e;
            };
        }
        String stem = LEGACY[e];
        boolean letter = stem.length() == 1;
        return switch (size) {
            case S8 -> stem + "l";
            case S16 -> letter ? stem + "x" : stem;
            case S32 -> letter ? "e" + stem + "x" : "e" + stem;
            case S64 -> letter ? "r" + stem + "x" : "r" + stem;
        };
    }

    @Override
    public String toString() {
        return name(Size.S64);
    }
}

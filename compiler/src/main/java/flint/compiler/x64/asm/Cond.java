package flint.compiler.x64.asm;

/**
 * The sixteen x86 condition codes, in encoding order: the ordinal is the {@code cc} nibble of
 * {@code Jcc} (0F 80+cc), {@code SETcc} (0F 90+cc) and {@code CMOVcc} (0F 40+cc).
 *
 * <p>Unsigned comparisons use B/AE/BE/A (below/above, from the carry flag); signed ones use
 * L/GE/LE/G. P/NP test the parity flag, which {@code ucomiss}/{@code ucomisd} set for an unordered
 * (NaN) comparison.
 */
public enum Cond {
    /** overflow */ O,
    /** no overflow */ NO,
    /** unsigned below (carry) */ B,
    /** unsigned above or equal (no carry) */ AE,
    /** equal (zero) */ E,
    /** not equal (not zero) */ NE,
    /** unsigned below or equal */ BE,
    /** unsigned above */ A,
    /** sign */ S,
    /** no sign */ NS,
    /** parity (unordered after ucomis*) */ P,
    /** no parity (ordered after ucomis*) */ NP,
    /** signed less */ L,
    /** signed greater or equal */ GE,
    /** signed less or equal */ LE,
    /** signed greater */ G;

    private static final Cond[] VALUES = values();

    /** The 4-bit condition code. */
    public int code() {
        return ordinal();
    }

    /** The opposite condition: the encodings come in pairs that differ in bit 0. */
    public Cond negate() {
        return VALUES[ordinal() ^ 1];
    }

    /**
     * The condition that holds for {@code cmp b, a} exactly when this one holds for {@code cmp a, b},
     * letting the backend swap a comparison's operands (e.g. to put a constant second).
     *
     * @throws IllegalStateException for O, NO, S, NS, P, NP, which have no such counterpart
     */
    public Cond commute() {
        return switch (this) {
            case E, NE -> this;
            case B -> A;
            case A -> B;
            case AE -> BE;
            case BE -> AE;
            case L -> G;
            case G -> L;
            case GE -> LE;
            case LE -> GE;
            case O, NO, S, NS, P, NP -> throw new IllegalStateException(this + " has no commuted form");
        };
    }

    /** The mnemonic suffix objdump and the Intel manual use ({@code "ae"}, {@code "ne"}, ...). */
    public String suffix() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

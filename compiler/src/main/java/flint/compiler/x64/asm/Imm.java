package flint.compiler.x64.asm;

/**
 * An immediate operand. The value is kept as a {@code long}; each instruction checks that it fits
 * the immediate field it will be encoded into (most x86-64 instructions take at most a
 * sign-extended 32-bit immediate; only {@code mov r64, imm64} takes a full 64-bit one).
 */
public record Imm(long value) implements Operand {
    public static Imm of(long value) {
        return new Imm(value);
    }

    public boolean fitsInt8() {
        return value == (byte) value;
    }

    public boolean fitsInt32() {
        return value == (int) value;
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(value);
    }
}

package flint.compiler.x64.asm;

/**
 * Operand size of a general-purpose instruction. Wasm's i32 and i64 share registers, so every
 * integer instruction states its size instead of deriving it from a register name.
 */
public enum Size {
    S8(1),
    S16(2),
    S32(4),
    S64(8);

    private final int bytes;

    Size(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    public int bits() {
        return bytes * 8;
    }

    /** Whether a signed or unsigned value of this many bits can represent {@code value}. */
    boolean fitsImmediate(long value) {
        return switch (this) {
            case S8 -> value >= Byte.MIN_VALUE && value <= 0xFF;
            case S16 -> value >= Short.MIN_VALUE && value <= 0xFFFF;
            case S32 -> value >= Integer.MIN_VALUE && value <= 0xFFFF_FFFFL;
            case S64 -> true;
        };
    }
}

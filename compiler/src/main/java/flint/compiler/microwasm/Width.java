package flint.compiler.microwasm;

/** How many bytes a memory access moves, or how many low bits a sign extension keeps. */
public enum Width {
    B8(1), B16(2), B32(4), B64(8);

    private final int bytes;

    Width(int bytes) { this.bytes = bytes; }

    public int bytes() { return bytes; }

    public int bits() { return bytes * 8; }

    /** The width of {@code bytes} bytes (1, 2, 4 or 8). */
    public static Width ofBytes(int bytes) {
        return switch (bytes) {
            case 1 -> B8;
            case 2 -> B16;
            case 4 -> B32;
            case 8 -> B64;
            default -> throw new IllegalArgumentException("no access width of " + bytes + " bytes");
        };
    }

    /** Whether an access of this width covers the whole of {@code type}: {@code i32.load}, not {@code i32.load8_u}. */
    public boolean isFull(IntType type) { return bytes == type.bytes(); }
}

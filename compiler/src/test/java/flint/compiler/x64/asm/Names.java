package flint.compiler.x64.asm;

/**
 * Intel register names and operand-size keywords, as objdump prints them, spelled out here
 * independently of the assembler's own naming so the tests do not check the code against itself.
 */
final class Names {
    static final String[] R64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    static final String[] R32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
        "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
        "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    static final String[] R8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
        "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
    static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a",
        "s", "ns", "p", "np", "l", "ge", "le", "g"};

    private Names() {}

    static String reg(Size size, Gpr r) {
        return switch (size) {
            case S8 -> R8[r.ordinal()];
            case S16 -> R16[r.ordinal()];
            case S32 -> R32[r.ordinal()];
            case S64 -> R64[r.ordinal()];
        };
    }

    static String ptr(Size size) {
        return switch (size) {
            case S8 -> "BYTE PTR ";
            case S16 -> "WORD PTR ";
            case S32 -> "DWORD PTR ";
            case S64 -> "QWORD PTR ";
        };
    }

    /** An immediate as objdump prints it: the operand-size bit pattern in hex. */
    static String imm(Size size, long value) {
        long masked = size == Size.S64 ? value : value & ((1L << size.bits()) - 1);
        return "0x" + Long.toHexString(masked);
    }

    /** A displacement as objdump prints it: signed, hex. */
    static String disp(long d) {
        return d < 0 ? "-0x" + Long.toHexString(-d) : "+0x" + Long.toHexString(d);
    }

    static String xmm(int n) {
        return "xmm" + n;
    }
}

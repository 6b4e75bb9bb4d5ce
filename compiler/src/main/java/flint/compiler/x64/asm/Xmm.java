package flint.compiler.x64.asm;

/** The sixteen SSE registers, in hardware encoding order (bit 3 of the ordinal goes into REX). */
public enum Xmm implements XmmMem {
    XMM0, XMM1, XMM2, XMM3, XMM4, XMM5, XMM6, XMM7,
    XMM8, XMM9, XMM10, XMM11, XMM12, XMM13, XMM14, XMM15;

    private static final Xmm[] VALUES = values();

    public static Xmm of(int encoding) {
        return VALUES[encoding];
    }

    public int encoding() {
        return ordinal();
    }

    @Override
    public String toString() {
        return "xmm" + ordinal();
    }
}

package flint.compiler.x64.asm;

import static flint.compiler.x64.asm.CpuFeature.SSE4_1;
import static flint.compiler.x64.asm.CpuFeature.SSE4_2;
import static flint.compiler.x64.asm.CpuFeature.SSSE3;
import static flint.compiler.x64.asm.Encoder.P66;
import static flint.compiler.x64.asm.Encoder.PF2;
import static flint.compiler.x64.asm.Encoder.PF3;
import static flint.compiler.x64.asm.OpMap.M0F;
import static flint.compiler.x64.asm.OpMap.M0F38;
import static flint.compiler.x64.asm.OpMap.M0F3A;

/**
 * The regular SSE instructions: {@code op xmm, xmm/m} (optionally {@code , imm8}) with the
 * destination in ModRM.reg. Each constant is the instruction's row of the Intel SDM opcode table —
 * mandatory prefix, opcode map, opcode byte — plus the extension it needs beyond SSE2, so adding an
 * instruction is adding one line. Emit with {@link SseInstructions#sse(SseOp, Xmm, XmmMem)}.
 *
 * <p>Legacy-encoded packed instructions fault on a memory operand that is not 16-byte aligned
 * (except the explicitly unaligned moves MOVUPS/MOVUPD/MOVDQU): load unaligned data into a
 * register first.
 */
public enum SseOp {
    // scalar float arithmetic (xmm, xmm/m32 for ss; xmm/m64 for sd)
    ADDSS(PF3, M0F, 0x58), ADDSD(PF2, M0F, 0x58),
    SUBSS(PF3, M0F, 0x5C), SUBSD(PF2, M0F, 0x5C),
    MULSS(PF3, M0F, 0x59), MULSD(PF2, M0F, 0x59),
    DIVSS(PF3, M0F, 0x5E), DIVSD(PF2, M0F, 0x5E),
    MINSS(PF3, M0F, 0x5D), MINSD(PF2, M0F, 0x5D),
    MAXSS(PF3, M0F, 0x5F), MAXSD(PF2, M0F, 0x5F),
    SQRTSS(PF3, M0F, 0x51), SQRTSD(PF2, M0F, 0x51),
    CVTSS2SD(PF3, M0F, 0x5A), CVTSD2SS(PF2, M0F, 0x5A),
    UCOMISS(0, M0F, 0x2E), UCOMISD(P66, M0F, 0x2E),
    COMISS(0, M0F, 0x2F), COMISD(P66, M0F, 0x2F),
    CMPSS(PF3, M0F, 0xC2, Imm8.YES), CMPSD(PF2, M0F, 0xC2, Imm8.YES),
    ROUNDSS(P66, M0F3A, 0x0A, Imm8.YES, SSE4_1), ROUNDSD(P66, M0F3A, 0x0B, Imm8.YES, SSE4_1),

    // moves (load direction; the store opcodes are in SseInstructions)
    MOVSS(PF3, M0F, 0x10), MOVSD(PF2, M0F, 0x10),
    MOVAPS(0, M0F, 0x28), MOVUPS(0, M0F, 0x10),
    MOVAPD(P66, M0F, 0x28), MOVUPD(P66, M0F, 0x10),
    MOVDQA(P66, M0F, 0x6F), MOVDQU(PF3, M0F, 0x6F),

    // packed float
    ADDPS(0, M0F, 0x58), ADDPD(P66, M0F, 0x58),
    SUBPS(0, M0F, 0x5C), SUBPD(P66, M0F, 0x5C),
    MULPS(0, M0F, 0x59), MULPD(P66, M0F, 0x59),
    DIVPS(0, M0F, 0x5E), DIVPD(P66, M0F, 0x5E),
    MINPS(0, M0F, 0x5D), MINPD(P66, M0F, 0x5D),
    MAXPS(0, M0F, 0x5F), MAXPD(P66, M0F, 0x5F),
    SQRTPS(0, M0F, 0x51), SQRTPD(P66, M0F, 0x51),
    ANDPS(0, M0F, 0x54), ANDPD(P66, M0F, 0x54),
    ANDNPS(0, M0F, 0x55), ANDNPD(P66, M0F, 0x55),
    ORPS(0, M0F, 0x56), ORPD(P66, M0F, 0x56),
    XORPS(0, M0F, 0x57), XORPD(P66, M0F, 0x57),
    CMPPS(0, M0F, 0xC2, Imm8.YES), CMPPD(P66, M0F, 0xC2, Imm8.YES),
    ROUNDPS(P66, M0F3A, 0x08, Imm8.YES, SSE4_1), ROUNDPD(P66, M0F3A, 0x09, Imm8.YES, SSE4_1),
    SHUFPS(0, M0F, 0xC6, Imm8.YES), SHUFPD(P66, M0F, 0xC6, Imm8.YES),
    UNPCKLPS(0, M0F, 0x14), UNPCKLPD(P66, M0F, 0x14),
    UNPCKHPS(0, M0F, 0x15), UNPCKHPD(P66, M0F, 0x15),
    INSERTPS(P66, M0F3A, 0x21, Imm8.YES, SSE4_1),
    BLENDPS(P66, M0F3A, 0x0C, Imm8.YES, SSE4_1), BLENDPD(P66, M0F3A, 0x0D, Imm8.YES, SSE4_1),

    // conversions
    CVTDQ2PS(0, M0F, 0x5B), CVTPS2DQ(P66, M0F, 0x5B), CVTTPS2DQ(PF3, M0F, 0x5B),
    CVTDQ2PD(PF3, M0F, 0xE6), CVTTPD2DQ(P66, M0F, 0xE6),
    CVTPS2PD(0, M0F, 0x5A), CVTPD2PS(P66, M0F, 0x5A),

    // packed integer: logic
    PAND(P66, M0F, 0xDB), PANDN(P66, M0F, 0xDF), POR(P66, M0F, 0xEB), PXOR(P66, M0F, 0xEF),
    PTEST(P66, M0F38, 0x17, SSE4_1),

    // packed integer: add and subtract
    PADDB(P66, M0F, 0xFC), PADDW(P66, M0F, 0xFD), PADDD(P66, M0F, 0xFE), PADDQ(P66, M0F, 0xD4),
    PSUBB(P66, M0F, 0xF8), PSUBW(P66, M0F, 0xF9), PSUBD(P66, M0F, 0xFA), PSUBQ(P66, M0F, 0xFB),
    PADDSB(P66, M0F, 0xEC), PADDSW(P66, M0F, 0xED), PADDUSB(P66, M0F, 0xDC), PADDUSW(P66, M0F, 0xDD),
    PSUBSB(P66, M0F, 0xE8), PSUBSW(P66, M0F, 0xE9), PSUBUSB(P66, M0F, 0xD8), PSUBUSW(P66, M0F, 0xD9),

    // packed integer: compare
    PCMPEQB(P66, M0F, 0x74), PCMPEQW(P66, M0F, 0x75), PCMPEQD(P66, M0F, 0x76), PCMPEQQ(P66, M0F38, 0x29, SSE4_1),
    PCMPGTB(P66, M0F, 0x64), PCMPGTW(P66, M0F, 0x65), PCMPGTD(P66, M0F, 0x66), PCMPGTQ(P66, M0F38, 0x37, SSE4_2),

    // packed integer: multiply, min/max, average, absolute value
    PMULLW(P66, M0F, 0xD5), PMULHW(P66, M0F, 0xE5), PMULHUW(P66, M0F, 0xE4), PMULUDQ(P66, M0F, 0xF4),
    PMULLD(P66, M0F38, 0x40, SSE4_1), PMULDQ(P66, M0F38, 0x28, SSE4_1),
    PMADDWD(P66, M0F, 0xF5), PMADDUBSW(P66, M0F38, 0x04, SSSE3), PMULHRSW(P66, M0F38, 0x0B, SSSE3),
    PMINUB(P66, M0F, 0xDA), PMAXUB(P66, M0F, 0xDE), PMINSW(P66, M0F, 0xEA), PMAXSW(P66, M0F, 0xEE),
    PMINSB(P66, M0F38, 0x38, SSE4_1), PMINSD(P66, M0F38, 0x39, SSE4_1),
    PMINUW(P66, M0F38, 0x3A, SSE4_1), PMINUD(P66, M0F38, 0x3B, SSE4_1),
    PMAXSB(P66, M0F38, 0x3C, SSE4_1), PMAXSD(P66, M0F38, 0x3D, SSE4_1),
    PMAXUW(P66, M0F38, 0x3E, SSE4_1), PMAXUD(P66, M0F38, 0x3F, SSE4_1),
    PAVGB(P66, M0F, 0xE0), PAVGW(P66, M0F, 0xE3),
    PABSB(P66, M0F38, 0x1C, SSSE3), PABSW(P66, M0F38, 0x1D, SSSE3), PABSD(P66, M0F38, 0x1E, SSSE3),

    // packed integer: shifts by a count in an xmm register (the imm8 forms are in SseInstructions)
    PSLLW(P66, M0F, 0xF1), PSLLD(P66, M0F, 0xF2), PSLLQ(P66, M0F, 0xF3),
    PSRLW(P66, M0F, 0xD1), PSRLD(P66, M0F, 0xD2), PSRLQ(P66, M0F, 0xD3),
    PSRAW(P66, M0F, 0xE1), PSRAD(P66, M0F, 0xE2),

    // packed integer: shuffles, interleaves, packs, widening moves
    PSHUFB(P66, M0F38, 0x00, SSSE3),
    PSHUFD(P66, M0F, 0x70, Imm8.YES), PSHUFLW(PF2, M0F, 0x70, Imm8.YES), PSHUFHW(PF3, M0F, 0x70, Imm8.YES),
    PALIGNR(P66, M0F3A, 0x0F, Imm8.YES, SSSE3),
    PBLENDW(P66, M0F3A, 0x0E, Imm8.YES, SSE4_1),
    PUNPCKLBW(P66, M0F, 0x60), PUNPCKLWD(P66, M0F, 0x61), PUNPCKLDQ(P66, M0F, 0x62), PUNPCKLQDQ(P66, M0F, 0x6C),
    PUNPCKHBW(P66, M0F, 0x68), PUNPCKHWD(P66, M0F, 0x69), PUNPCKHDQ(P66, M0F, 0x6A), PUNPCKHQDQ(P66, M0F, 0x6D),
    PACKSSWB(P66, M0F, 0x63), PACKSSDW(P66, M0F, 0x6B), PACKUSWB(P66, M0F, 0x67), PACKUSDW(P66, M0F38, 0x2B, SSE4_1),
    PMOVSXBW(P66, M0F38, 0x20, SSE4_1), PMOVSXBD(P66, M0F38, 0x21, SSE4_1), PMOVSXBQ(P66, M0F38, 0x22, SSE4_1),
    PMOVSXWD(P66, M0F38, 0x23, SSE4_1), PMOVSXWQ(P66, M0F38, 0x24, SSE4_1), PMOVSXDQ(P66, M0F38, 0x25, SSE4_1),
    PMOVZXBW(P66, M0F38, 0x30, SSE4_1), PMOVZXBD(P66, M0F38, 0x31, SSE4_1), PMOVZXBQ(P66, M0F38, 0x32, SSE4_1),
    PMOVZXWD(P66, M0F38, 0x33, SSE4_1), PMOVZXWQ(P66, M0F38, 0x34, SSE4_1), PMOVZXDQ(P66, M0F38, 0x35, SSE4_1);

    /** Whether an instruction ends in an imm8 (the constructor parameter reads better than a boolean). */
    enum Imm8 { YES }

    private final int prefix;
    private final OpMap map;
    private final int opcode;
    private final boolean imm8;
    private final CpuFeature feature;

    SseOp(int prefix, OpMap map, int opcode) {
        this(prefix, map, opcode, false, null);
    }

    SseOp(int prefix, OpMap map, int opcode, Imm8 imm8) {
        this(prefix, map, opcode, true, null);
    }

    SseOp(int prefix, OpMap map, int opcode, CpuFeature feature) {
        this(prefix, map, opcode, false, feature);
    }

    SseOp(int prefix, OpMap map, int opcode, Imm8 imm8, CpuFeature feature) {
        this(prefix, map, opcode, true, feature);
    }

    SseOp(int prefix, OpMap map, int opcode, boolean imm8, CpuFeature feature) {
        this.prefix = prefix;
        this.map = map;
        this.opcode = opcode;
        this.imm8 = imm8;
        this.feature = feature;
    }

    /** The mandatory prefix (66, F2, F3) or 0. */
    public int prefix() {
        return prefix;
    }

    public OpMap map() {
        return map;
    }

    public int opcode() {
        return opcode;
    }

    /** Whether the instruction takes an imm8 (shuffle control, rounding mode, predicate). */
    public boolean hasImm8() {
        return imm8;
    }

    /** The extension the instruction needs, or null for SSE/SSE2 (always present on x86-64). */
    public CpuFeature feature() {
        return feature;
    }

    /** The Intel mnemonic. */
    public String mnemonic() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package flint.compiler.x64.asm;

import static flint.compiler.x64.asm.Encoder.P66;
import static flint.compiler.x64.asm.Encoder.PF2;
import static flint.compiler.x64.asm.Encoder.PF3;
import static flint.compiler.x64.asm.Encoder.REX_W;
import static flint.compiler.x64.asm.OpMap.M0F;
import static flint.compiler.x64.asm.OpMap.M0F3A;

/**
 * SSE instructions (SSE, SSE2, SSSE3, SSE4.1, SSE4.2; legacy encodings, no VEX). The regular
 * {@code op xmm, xmm/m} instructions are data in {@link SseOp} and all go through
 * {@link #sse(SseOp, Xmm, XmmMem)}; the named methods here are one-line shorthands for those and the
 * irregular rest: stores, GPR↔XMM transfers and conversions, lane inserts and extracts, mask
 * extraction, shifts by an immediate. Part of {@link Assembler}.
 */
public sealed interface SseInstructions permits Assembler {

    Encoder encoder();

    CpuFeatures features();

    /** {@code op xmm, xmm/m} for any imm8-less {@link SseOp}. */
    default void sse(SseOp op, Xmm dst, XmmMem src) {
        if (op.hasImm8()) {
            throw new IllegalArgumentException(op.mnemonic() + " needs an imm8");
        }
        checkFeature(op);
        encoder().rx(op.prefix(), 0, op.map(), op.opcode(), dst.encoding(), src, 0);
    }

    /** {@code op xmm, xmm/m, imm8} for an {@link SseOp} that takes an immediate. */
    default void sse(SseOp op, Xmm dst, XmmMem src, int imm8) {
        if (!op.hasImm8()) {
            throw new IllegalArgumentException(op.mnemonic() + " takes no imm8");
        }
        checkImm8(imm8, op.mnemonic());
        checkFeature(op);
        encoder().rx(op.prefix(), 0, op.map(), op.opcode(), dst.encoding(), src, 1);
        encoder().imm8(imm8);
    }

    // ---------------------------------------------------------------- moves

    /** {@code movss xmm, xmm/m32}: from memory zeroes bits 32–127; between registers merges the low lane. */
    default void movss(Xmm dst, XmmMem src) { sse(SseOp.MOVSS, dst, src); }
    /** {@code movss m32, xmm} — F3 0F 11 /r */
    default void movss(Mem dst, Xmm src) { store(PF3, 0x11, dst, src); }
    /** {@code movsd xmm, xmm/m64}: from memory zeroes bits 64–127; between registers merges the low lane. */
    default void movsd(Xmm dst, XmmMem src) { sse(SseOp.MOVSD, dst, src); }
    /** {@code movsd m64, xmm} — F2 0F 11 /r */
    default void movsd(Mem dst, Xmm src) { store(PF2, 0x11, dst, src); }
    /** {@code movaps xmm, xmm/m128}: the register-to-register copy of choice (shortest encoding). */
    default void movaps(Xmm dst, XmmMem src) { sse(SseOp.MOVAPS, dst, src); }
    /** {@code movaps m128, xmm} — 0F 29 /r (aligned) */
    default void movaps(Mem dst, Xmm src) { store(0, 0x29, dst, src); }
    default void movups(Xmm dst, XmmMem src) { sse(SseOp.MOVUPS, dst, src); }
    /** {@code movups m128, xmm} — 0F 11 /r */
    default void movups(Mem dst, Xmm src) { store(0, 0x11, dst, src); }
    default void movapd(Xmm dst, XmmMem src) { sse(SseOp.MOVAPD, dst, src); }
    /** {@code movapd m128, xmm} — 66 0F 29 /r */
    default void movapd(Mem dst, Xmm src) { store(P66, 0x29, dst, src); }
    default void movupd(Xmm dst, XmmMem src) { sse(SseOp.MOVUPD, dst, src); }
    /** {@code movupd m128, xmm} — 66 0F 11 /r */
    default void movupd(Mem dst, Xmm src) { store(P66, 0x11, dst, src); }
    default void movdqa(Xmm dst, XmmMem src) { sse(SseOp.MOVDQA, dst, src); }
    /** {@code movdqa m128, xmm} — 66 0F 7F /r */
    default void movdqa(Mem dst, Xmm src) { store(P66, 0x7F, dst, src); }
    default void movdqu(Xmm dst, XmmMem src) { sse(SseOp.MOVDQU, dst, src); }
    /** {@code movdqu m128, xmm} — F3 0F 7F /r */
    default void movdqu(Mem dst, Xmm src) { store(PF3, 0x7F, dst, src); }

    /** {@code movd xmm, r/m32} — 66 0F 6E /r (zeroes bits 32–127) */
    default void movd(Xmm dst, GprMem src) {
        encoder().rx(P66, 0, M0F, 0x6E, dst.encoding(), src, 0);
    }

    /** {@code movd r/m32, xmm} — 66 0F 7E /r */
    default void movd(GprMem dst, Xmm src) {
        encoder().rx(P66, 0, M0F, 0x7E, src.encoding(), dst, 0);
    }

    /** {@code movq xmm, r64} — 66 REX.W 0F 6E /r (zeroes bits 64–127) */
    default void movq(Xmm dst, Gpr src) {
        encoder().rr(P66, REX_W, M0F, 0x6E, dst.encoding(), src.encoding());
    }

    /** {@code movq r64, xmm} — 66 REX.W 0F 7E /r */
    default void movq(Gpr dst, Xmm src) {
        encoder().rr(P66, REX_W, M0F, 0x7E, src.encoding(), dst.encoding());
    }

    /** {@code movq xmm, xmm/m64} — F3 0F 7E /r (zeroes bits 64–127) */
    default void movq(Xmm dst, XmmMem src) {
        encoder().rx(PF3, 0, M0F, 0x7E, dst.encoding(), src, 0);
    }

    /** {@code movq m64, xmm} — 66 0F D6 /r */
    default void movq(Mem dst, Xmm src) {
        store(P66, 0xD6, dst, src);
    }

    // ---------------------------------------------------------------- scalar float arithmetic

    default void addss(Xmm dst, XmmMem src) { sse(SseOp.ADDSS, dst, src); }
    default void addsd(Xmm dst, XmmMem src) { sse(SseOp.ADDSD, dst, src); }
    default void subss(Xmm dst, XmmMem src) { sse(SseOp.SUBSS, dst, src); }
    default void subsd(Xmm dst, XmmMem src) { sse(SseOp.SUBSD, dst, src); }
    default void mulss(Xmm dst, XmmMem src) { sse(SseOp.MULSS, dst, src); }
    default void mulsd(Xmm dst, XmmMem src) { sse(SseOp.MULSD, dst, src); }
    default void divss(Xmm dst, XmmMem src) { sse(SseOp.DIVSS, dst, src); }
    default void divsd(Xmm dst, XmmMem src) { sse(SseOp.DIVSD, dst, src); }
    /** {@code minss}: not Wasm's {@code f32.min} (returns the second operand for NaN and ±0 ties). */
    default void minss(Xmm dst, XmmMem src) { sse(SseOp.MINSS, dst, src); }
    default void minsd(Xmm dst, XmmMem src) { sse(SseOp.MINSD, dst, src); }
    /** {@code maxss}: not Wasm's {@code f32.max} (returns the second operand for NaN and ±0 ties). */
    default void maxss(Xmm dst, XmmMem src) { sse(SseOp.MAXSS, dst, src); }
    default void maxsd(Xmm dst, XmmMem src) { sse(SseOp.MAXSD, dst, src); }
    default void sqrtss(Xmm dst, XmmMem src) { sse(SseOp.SQRTSS, dst, src); }
    default void sqrtsd(Xmm dst, XmmMem src) { sse(SseOp.SQRTSD, dst, src); }
    /** {@code ucomiss}: ZF/PF/CF as for an unsigned compare; PF=1 when unordered (a NaN). */
    default void ucomiss(Xmm a, XmmMem b) { sse(SseOp.UCOMISS, a, b); }
    default void ucomisd(Xmm a, XmmMem b) { sse(SseOp.UCOMISD, a, b); }
    default void cvtss2sd(Xmm dst, XmmMem src) { sse(SseOp.CVTSS2SD, dst, src); }
    default void cvtsd2ss(Xmm dst, XmmMem src) { sse(SseOp.CVTSD2SS, dst, src); }
    /** {@code roundss xmm, xmm/m32, imm8} — 66 0F 3A 0A /r ib (SSE4.1) */
    default void roundss(Xmm dst, XmmMem src, RoundingMode mode) { sse(SseOp.ROUNDSS, dst, src, mode.imm()); }
    /** {@code roundsd xmm, xmm/m64, imm8} — 66 0F 3A 0B /r ib (SSE4.1) */
    default void roundsd(Xmm dst, XmmMem src, RoundingMode mode) { sse(SseOp.ROUNDSD, dst, src, mode.imm()); }

    // ---------------------------------------------------------------- bitwise (sign manipulation, zeroing)

    default void andps(Xmm dst, XmmMem src) { sse(SseOp.ANDPS, dst, src); }
    default void andpd(Xmm dst, XmmMem src) { sse(SseOp.ANDPD, dst, src); }
    default void andnps(Xmm dst, XmmMem src) { sse(SseOp.ANDNPS, dst, src); }
    default void andnpd(Xmm dst, XmmMem src) { sse(SseOp.ANDNPD, dst, src); }
    default void orps(Xmm dst, XmmMem src) { sse(SseOp.ORPS, dst, src); }
    default void orpd(Xmm dst, XmmMem src) { sse(SseOp.ORPD, dst, src); }
    /** {@code xorps xmm, xmm}: the zeroing idiom, and the sign flip of f32.neg with a mask. */
    default void xorps(Xmm dst, XmmMem src) { sse(SseOp.XORPS, dst, src); }
    default void xorpd(Xmm dst, XmmMem src) { sse(SseOp.XORPD, dst, src); }
    default void pxor(Xmm dst, XmmMem src) { sse(SseOp.PXOR, dst, src); }
    default void pand(Xmm dst, XmmMem src) { sse(SseOp.PAND, dst, src); }
    default void por(Xmm dst, XmmMem src) { sse(SseOp.POR, dst, src); }
    default void pandn(Xmm dst, XmmMem src) { sse(SseOp.PANDN, dst, src); }

    // ---------------------------------------------------------------- packed integer

    default void paddb(Xmm dst, XmmMem src) { sse(SseOp.PADDB, dst, src); }
    default void paddw(Xmm dst, XmmMem src) { sse(SseOp.PADDW, dst, src); }
    default void paddd(Xmm dst, XmmMem src) { sse(SseOp.PADDD, dst, src); }
    default void paddq(Xmm dst, XmmMem src) { sse(SseOp.PADDQ, dst, src); }
    default void psubb(Xmm dst, XmmMem src) { sse(SseOp.PSUBB, dst, src); }
    default void psubw(Xmm dst, XmmMem src) { sse(SseOp.PSUBW, dst, src); }
    default void psubd(Xmm dst, XmmMem src) { sse(SseOp.PSUBD, dst, src); }
    default void psubq(Xmm dst, XmmMem src) { sse(SseOp.PSUBQ, dst, src); }
    default void pcmpeqb(Xmm dst, XmmMem src) { sse(SseOp.PCMPEQB, dst, src); }
    default void pcmpeqw(Xmm dst, XmmMem src) { sse(SseOp.PCMPEQW, dst, src); }
    default void pcmpeqd(Xmm dst, XmmMem src) { sse(SseOp.PCMPEQD, dst, src); }
    /** {@code pcmpeqq} — 66 0F 38 29 /r (SSE4.1) */
    default void pcmpeqq(Xmm dst, XmmMem src) { sse(SseOp.PCMPEQQ, dst, src); }
    /** {@code pshufb} — 66 0F 38 00 /r (SSSE3) */
    default void pshufb(Xmm dst, XmmMem src) { sse(SseOp.PSHUFB, dst, src); }
    default void pshufd(Xmm dst, XmmMem src, int imm8) { sse(SseOp.PSHUFD, dst, src, imm8); }
    default void shufps(Xmm dst, XmmMem src, int imm8) { sse(SseOp.SHUFPS, dst, src, imm8); }
    default void punpcklbw(Xmm dst, XmmMem src) { sse(SseOp.PUNPCKLBW, dst, src); }
    default void punpcklwd(Xmm dst, XmmMem src) { sse(SseOp.PUNPCKLWD, dst, src); }
    default void punpckldq(Xmm dst, XmmMem src) { sse(SseOp.PUNPCKLDQ, dst, src); }
    default void punpcklqdq(Xmm dst, XmmMem src) { sse(SseOp.PUNPCKLQDQ, dst, src); }

    // ---------------------------------------------------------------- shifts by an immediate

    /** {@code psllw xmm, imm8} — 66 0F 71 /6 ib */
    default void psllw(Xmm dst, int count) { shiftImm(0x71, 6, dst, count); }
    /** {@code pslld xmm, imm8} — 66 0F 72 /6 ib */
    default void pslld(Xmm dst, int count) { shiftImm(0x72, 6, dst, count); }
    /** {@code psllq xmm, imm8} — 66 0F 73 /6 ib */
    default void psllq(Xmm dst, int count) { shiftImm(0x73, 6, dst, count); }
    /** {@code psrlw xmm, imm8} — 66 0F 71 /2 ib */
    default void psrlw(Xmm dst, int count) { shiftImm(0x71, 2, dst, count); }
    /** {@code psrld xmm, imm8} — 66 0F 72 /2 ib */
    default void psrld(Xmm dst, int count) { shiftImm(0x72, 2, dst, count); }
    /** {@code psrlq xmm, imm8} — 66 0F 73 /2 ib */
    default void psrlq(Xmm dst, int count) { shiftImm(0x73, 2, dst, count); }
    /** {@code psraw xmm, imm8} — 66 0F 71 /4 ib */
    default void psraw(Xmm dst, int count) { shiftImm(0x71, 4, dst, count); }
    /** {@code psrad xmm, imm8} — 66 0F 72 /4 ib */
    default void psrad(Xmm dst, int count) { shiftImm(0x72, 4, dst, count); }
    /** {@code pslldq xmm, imm8} — 66 0F 73 /7 ib (shifts bytes) */
    default void pslldq(Xmm dst, int bytes) { shiftImm(0x73, 7, dst, bytes); }
    /** {@code psrldq xmm, imm8} — 66 0F 73 /3 ib (shifts bytes) */
    default void psrldq(Xmm dst, int bytes) { shiftImm(0x73, 3, dst, bytes); }

    // ---------------------------------------------------------------- int <-> float conversions

    /**
     * {@code cvtsi2ss xmm, r/m32|64} — F3 (REX.W) 0F 2A /r: signed integer to f32. Writes only the
     * low lane, so it depends on the destination's old value: zero it first in hot code.
     */
    default void cvtsi2ss(Xmm dst, Size srcSize, GprMem src) { intToFloat(PF3, dst, srcSize, src, "cvtsi2ss"); }
    /** {@code cvtsi2sd xmm, r/m32|64} — F2 (REX.W) 0F 2A /r: signed integer to f64. */
    default void cvtsi2sd(Xmm dst, Size srcSize, GprMem src) { intToFloat(PF2, dst, srcSize, src, "cvtsi2sd"); }

    /**
     * {@code cvttss2si r32|64, xmm/m32} — F3 (REX.W) 0F 2C /r: truncating f32 to signed integer.
     * NaN and out-of-range inputs give the "integer indefinite" MIN value, not a fault: Wasm's
     * trapping conversions must range-check before or after.
     */
    default void cvttss2si(Size dstSize, Gpr dst, XmmMem src) { floatToInt(PF3, 0x2C, dstSize, dst, src, "cvttss2si"); }
    /** {@code cvttsd2si r32|64, xmm/m64} — F2 (REX.W) 0F 2C /r */
    default void cvttsd2si(Size dstSize, Gpr dst, XmmMem src) { floatToInt(PF2, 0x2C, dstSize, dst, src, "cvttsd2si"); }
    /** {@code cvtss2si r32|64, xmm/m32} — F3 (REX.W) 0F 2D /r (rounds per MXCSR, nearest-even) */
    default void cvtss2si(Size dstSize, Gpr dst, XmmMem src) { floatToInt(PF3, 0x2D, dstSize, dst, src, "cvtss2si"); }
    /** {@code cvtsd2si r32|64, xmm/m64} — F2 (REX.W) 0F 2D /r */
    default void cvtsd2si(Size dstSize, Gpr dst, XmmMem src) { floatToInt(PF2, 0x2D, dstSize, dst, src, "cvtsd2si"); }

    // ---------------------------------------------------------------- lanes and masks

    /** {@code pinsrb xmm, r32/m8, imm8} — 66 0F 3A 20 /r ib (SSE4.1) */
    default void pinsrb(Xmm dst, GprMem src, int lane) { laneOp(0x20, 0, dst.encoding(), src, lane, "pinsrb"); }
    /** {@code pinsrw xmm, r32/m16, imm8} — 66 0F C4 /r ib (SSE2) */
    default void pinsrw(Xmm dst, GprMem src, int lane) {
        checkImm8(lane, "pinsrw");
        encoder().rx(P66, 0, M0F, 0xC4, dst.encoding(), src, 1);
        encoder().imm8(lane);
    }
    /** {@code pinsrd xmm, r/m32, imm8} — 66 0F 3A 22 /r ib (SSE4.1) */
    default void pinsrd(Xmm dst, GprMem src, int lane) { laneOp(0x22, 0, dst.encoding(), src, lane, "pinsrd"); }
    /** {@code pinsrq xmm, r/m64, imm8} — 66 REX.W 0F 3A 22 /r ib (SSE4.1) */
    default void pinsrq(Xmm dst, GprMem src, int lane) { laneOp(0x22, REX_W, dst.encoding(), src, lane, "pinsrq"); }
    /** {@code pextrb r32/m8, xmm, imm8} — 66 0F 3A 14 /r ib (SSE4.1; zero-extends into r32) */
    default void pextrb(GprMem dst, Xmm src, int lane) { laneOp(0x14, 0, src.encoding(), dst, lane, "pextrb"); }

    /**
     * {@code pextrw r32, xmm, imm8} — 66 0F C5 /r ib (SSE2, register destination in ModRM.reg), or
     * {@code pextrw m16, xmm, imm8} — 66 0F 3A 15 /r ib (SSE4.1) for a memory destination.
     */
    default void pextrw(GprMem dst, Xmm src, int lane) {
        switch (dst) {
            case Gpr r -> {
                checkImm8(lane, "pextrw");
                encoder().rr(P66, 0, M0F, 0xC5, r.encoding(), src.encoding());
                encoder().imm8(lane);
            }
            case Mem m -> laneOp(0x15, 0, src.encoding(), m, lane, "pextrw");
        }
    }

    /** {@code pextrd r/m32, xmm, imm8} — 66 0F 3A 16 /r ib (SSE4.1) */
    default void pextrd(GprMem dst, Xmm src, int lane) { laneOp(0x16, 0, src.encoding(), dst, lane, "pextrd"); }
    /** {@code pextrq r/m64, xmm, imm8} — 66 REX.W 0F 3A 16 /r ib (SSE4.1) */
    default void pextrq(GprMem dst, Xmm src, int lane) { laneOp(0x16, REX_W, src.encoding(), dst, lane, "pextrq"); }
    /** {@code extractps r/m32, xmm, imm8} — 66 0F 3A 17 /r ib (SSE4.1) */
    default void extractps(GprMem dst, Xmm src, int lane) { laneOp(0x17, 0, src.encoding(), dst, lane, "extractps"); }

    /** {@code movmskps r32, xmm} — 0F 50 /r: the four sign bits */
    default void movmskps(Gpr dst, Xmm src) { encoder().rr(0, 0, M0F, 0x50, dst.encoding(), src.encoding()); }
    /** {@code movmskpd r32, xmm} — 66 0F 50 /r: the two sign bits */
    default void movmskpd(Gpr dst, Xmm src) { encoder().rr(P66, 0, M0F, 0x50, dst.encoding(), src.encoding()); }
    /** {@code pmovmskb r32, xmm} — 66 0F D7 /r: the sixteen byte sign bits */
    default void pmovmskb(Gpr dst, Xmm src) { encoder().rr(P66, 0, M0F, 0xD7, dst.encoding(), src.encoding()); }

    // ---------------------------------------------------------------- helpers

    private void store(int prefix, int opcode, Mem dst, Xmm src) {
        encoder().rm(prefix, 0, M0F, opcode, src.encoding(), dst, 0);
    }

    private void shiftImm(int opcode, int digit, Xmm dst, int count) {
        checkImm8(count, "packed shift");
        encoder().rr(P66, 0, M0F, opcode, digit, dst.encoding());
        encoder().imm8(count);
    }

    private void intToFloat(int prefix, Xmm dst, Size srcSize, GprMem src, String what) {
        encoder().rx(prefix, rexW32or64(srcSize, what), M0F, 0x2A, dst.encoding(), src, 0);
    }

    private void floatToInt(int prefix, int opcode, Size dstSize, Gpr dst, XmmMem src, String what) {
        encoder().rx(prefix, rexW32or64(dstSize, what), M0F, opcode, dst.encoding(), src, 0);
    }

    /** A 66 0F 3A instruction with a GPR/memory r/m and a lane imm8 (pinsr*, pextr*, extractps). */
    private void laneOp(int opcode, int rex, int reg, GprMem rm, int lane, String what) {
        features().require(CpuFeature.SSE4_1, what);
        checkImm8(lane, what);
        encoder().rx(P66, rex, M0F3A, opcode, reg, rm, 1);
        encoder().imm8(lane);
    }

    private void checkFeature(SseOp op) {
        if (op.feature() != null) {
            features().require(op.feature(), op.mnemonic());
        }
    }

    private static int rexW32or64(Size size, String what) {
        return switch (size) {
            case S32 -> 0;
            case S64 -> REX_W;
            default -> throw new IllegalArgumentException(what + " converts 32 or 64-bit integers, not " + size);
        };
    }

    private static void checkImm8(int imm, String what) {
        if (imm < 0 || imm > 0xFF) {
            throw new IllegalArgumentException(what + " immediate must be an imm8: " + imm);
        }
    }
}

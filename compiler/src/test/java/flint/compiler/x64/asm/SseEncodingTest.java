package flint.compiler.x64.asm;

import static flint.compiler.x64.asm.Gpr.R12;
import static flint.compiler.x64.asm.Gpr.R13;
import static flint.compiler.x64.asm.Gpr.R9;
import static flint.compiler.x64.asm.Gpr.RAX;
import static flint.compiler.x64.asm.Gpr.RSP;
import static flint.compiler.x64.asm.Names.R32;
import static flint.compiler.x64.asm.Names.R64;
import static flint.compiler.x64.asm.Names.xmm;
import static flint.compiler.x64.asm.Size.S32;
import static flint.compiler.x64.asm.Size.S64;
import static flint.compiler.x64.asm.SseOp.*;
import static flint.compiler.x64.asm.Xmm.XMM0;
import static flint.compiler.x64.asm.Xmm.XMM1;
import static flint.compiler.x64.asm.Xmm.XMM15;
import static flint.compiler.x64.asm.Xmm.XMM8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** Every SSE instruction form, checked against objdump's Intel syntax. */
class SseEncodingTest {
    private static final String X = "XMMWORD PTR ";
    private static final String Q = "QWORD PTR ";
    private static final String D = "DWORD PTR ";
    private static final String W = "WORD PTR ";

    /** How objdump shows an op: mnemonic, memory operand size, and the text of the imm8 the test passes (5). */
    private record Row(String mnemonic, String memPtr, String immText) {}

    private static final Map<SseOp, Row> TABLE = new LinkedHashMap<>();

    private static void row(SseOp op, String mnemonic, String memPtr) {
        TABLE.put(op, new Row(mnemonic, memPtr, null));
    }

    /** An op with an imm8; the test passes 5, which objdump prints as ",0x5" ... */
    private static void rowImm(SseOp op, String mnemonic, String memPtr) {
        TABLE.put(op, new Row(mnemonic, memPtr, ",0x5"));
    }

    /** ... except for the compare predicates, where imm8 5 is folded into the mnemonic ("not less than"). */
    private static void rowCmp(SseOp op, String mnemonic, String memPtr) {
        TABLE.put(op, new Row(mnemonic, memPtr, ""));
    }

    static {
        row(ADDSS, "addss", D); row(ADDSD, "addsd", Q);
        row(SUBSS, "subss", D); row(SUBSD, "subsd", Q);
        row(MULSS, "mulss", D); row(MULSD, "mulsd", Q);
        row(DIVSS, "divss", D); row(DIVSD, "divsd", Q);
        row(MINSS, "minss", D); row(MINSD, "minsd", Q);
        row(MAXSS, "maxss", D); row(MAXSD, "maxsd", Q);
        row(SQRTSS, "sqrtss", D); row(SQRTSD, "sqrtsd", Q);
        row(CVTSS2SD, "cvtss2sd", D); row(CVTSD2SS, "cvtsd2ss", Q);
        row(UCOMISS, "ucomiss", D); row(UCOMISD, "ucomisd", Q);
        row(COMISS, "comiss", D); row(COMISD, "comisd", Q);
        rowCmp(CMPSS, "cmpnltss", D); rowCmp(CMPSD, "cmpnltsd", Q);
        rowImm(ROUNDSS, "roundss", D); rowImm(ROUNDSD, "roundsd", Q);
        row(MOVSS, "movss", D); row(MOVSD, "movsd", Q);
        row(MOVAPS, "movaps", X); row(MOVUPS, "movups", X);
        row(MOVAPD, "movapd", X); row(MOVUPD, "movupd", X);
        row(MOVDQA, "movdqa", X); row(MOVDQU, "movdqu", X);
        row(ADDPS, "addps", X); row(ADDPD, "addpd", X);
        row(SUBPS, "subps", X); row(SUBPD, "subpd", X);
        row(MULPS, "mulps", X); row(MULPD, "mulpd", X);
        row(DIVPS, "divps", X); row(DIVPD, "divpd", X);
        row(MINPS, "minps", X); row(MINPD, "minpd", X);
        row(MAXPS, "maxps", X); row(MAXPD, "maxpd", X);
        row(SQRTPS, "sqrtps", X); row(SQRTPD, "sqrtpd", X);
        row(ANDPS, "andps", X); row(ANDPD, "andpd", X);
        row(ANDNPS, "andnps", X); row(ANDNPD, "andnpd", X);
        row(ORPS, "orps", X); row(ORPD, "orpd", X);
        row(XORPS, "xorps", X); row(XORPD, "xorpd", X);
        rowCmp(CMPPS, "cmpnltps", X); rowCmp(CMPPD, "cmpnltpd", X);
        rowImm(ROUNDPS, "roundps", X); rowImm(ROUNDPD, "roundpd", X);
        rowImm(SHUFPS, "shufps", X); rowImm(SHUFPD, "shufpd", X);
        row(UNPCKLPS, "unpcklps", X); row(UNPCKLPD, "unpcklpd", X);
        row(UNPCKHPS, "unpckhps", X); row(UNPCKHPD, "unpckhpd", X);
        rowImm(INSERTPS, "insertps", D);
        rowImm(BLENDPS, "blendps", X); rowImm(BLENDPD, "blendpd", X);
        row(CVTDQ2PS, "cvtdq2ps", X); row(CVTPS2DQ, "cvtps2dq", X); row(CVTTPS2DQ, "cvttps2dq", X);
        row(CVTDQ2PD, "cvtdq2pd", Q); row(CVTTPD2DQ, "cvttpd2dq", X);
        row(CVTPS2PD, "cvtps2pd", Q); row(CVTPD2PS, "cvtpd2ps", X);
        row(PAND, "pand", X); row(PANDN, "pandn", X); row(POR, "por", X); row(PXOR, "pxor", X);
        row(PTEST, "ptest", X);
        row(PADDB, "paddb", X); row(PADDW, "paddw", X); row(PADDD, "paddd", X); row(PADDQ, "paddq", X);
        row(PSUBB, "psubb", X); row(PSUBW, "psubw", X); row(PSUBD, "psubd", X); row(PSUBQ, "psubq", X);
        row(PADDSB, "paddsb", X); row(PADDSW, "paddsw", X); row(PADDUSB, "paddusb", X); row(PADDUSW, "paddusw", X);
        row(PSUBSB, "psubsb", X); row(PSUBSW, "psubsw", X); row(PSUBUSB, "psubusb", X); row(PSUBUSW, "psubusw", X);
        row(PCMPEQB, "pcmpeqb", X); row(PCMPEQW, "pcmpeqw", X); row(PCMPEQD, "pcmpeqd", X); row(PCMPEQQ, "pcmpeqq", X);
        row(PCMPGTB, "pcmpgtb", X); row(PCMPGTW, "pcmpgtw", X); row(PCMPGTD, "pcmpgtd", X); row(PCMPGTQ, "pcmpgtq", X);
        row(PMULLW, "pmullw", X); row(PMULHW, "pmulhw", X); row(PMULHUW, "pmulhuw", X); row(PMULUDQ, "pmuludq", X);
        row(PMULLD, "pmulld", X); row(PMULDQ, "pmuldq", X);
        row(PMADDWD, "pmaddwd", X); row(PMADDUBSW, "pmaddubsw", X); row(PMULHRSW, "pmulhrsw", X);
        row(PMINUB, "pminub", X); row(PMAXUB, "pmaxub", X); row(PMINSW, "pminsw", X); row(PMAXSW, "pmaxsw", X);
        row(PMINSB, "pminsb", X); row(PMINSD, "pminsd", X); row(PMINUW, "pminuw", X); row(PMINUD, "pminud", X);
        row(PMAXSB, "pmaxsb", X); row(PMAXSD, "pmaxsd", X); row(PMAXUW, "pmaxuw", X); row(PMAXUD, "pmaxud", X);
        row(PAVGB, "pavgb", X); row(PAVGW, "pavgw", X);
        row(PABSB, "pabsb", X); row(PABSW, "pabsw", X); row(PABSD, "pabsd", X);
        row(PSLLW, "psllw", X); row(PSLLD, "pslld", X); row(PSLLQ, "psllq", X);
        row(PSRLW, "psrlw", X); row(PSRLD, "psrld", X); row(PSRLQ, "psrlq", X);
        row(PSRAW, "psraw", X); row(PSRAD, "psrad", X);
        row(PSHUFB, "pshufb", X);
        rowImm(PSHUFD, "pshufd", X); rowImm(PSHUFLW, "pshuflw", X); rowImm(PSHUFHW, "pshufhw", X);
        rowImm(PALIGNR, "palignr", X); rowImm(PBLENDW, "pblendw", X);
        row(PUNPCKLBW, "punpcklbw", X); row(PUNPCKLWD, "punpcklwd", X); row(PUNPCKLDQ, "punpckldq", X); row(PUNPCKLQDQ, "punpcklqdq", X);
        row(PUNPCKHBW, "punpckhbw", X); row(PUNPCKHWD, "punpckhwd", X); row(PUNPCKHDQ, "punpckhdq", X); row(PUNPCKHQDQ, "punpckhqdq", X);
        row(PACKSSWB, "packsswb", X); row(PACKSSDW, "packssdw", X); row(PACKUSWB, "packuswb", X); row(PACKUSDW, "packusdw", X);
        row(PMOVSXBW, "pmovsxbw", Q); row(PMOVSXBD, "pmovsxbd", D); row(PMOVSXBQ, "pmovsxbq", W);
        row(PMOVSXWD, "pmovsxwd", Q); row(PMOVSXWQ, "pmovsxwq", D); row(PMOVSXDQ, "pmovsxdq", Q);
        row(PMOVZXBW, "pmovzxbw", Q); row(PMOVZXBD, "pmovzxbd", D); row(PMOVZXBQ, "pmovzxbq", W);
        row(PMOVZXWD, "pmovzxwd", Q); row(PMOVZXWQ, "pmovzxwq", D); row(PMOVZXDQ, "pmovzxdq", Q);
    }

    private static final int[][] PAIRS = {{0, 1}, {7, 8}, {8, 15}, {15, 0}, {9, 3}, {4, 12}, {2, 2}};

    @Test
    void theTableCoversEverySseOp() {
        Set<SseOp> missing = EnumSet.allOf(SseOp.class);
        missing.removeAll(TABLE.keySet());
        assertEquals(Set.of(), missing, "SseOps without an objdump expectation");
    }

    @Test
    void everySseOpWithRegisterAndMemoryOperands() {
        var check = new ObjdumpCheck();
        Mem m = Mem.of(R13, R12, 8, 0x7f);
        Mem rbp = Mem.of(Gpr.RBP);
        for (var e : TABLE.entrySet()) {
            SseOp op = e.getKey();
            Row row = e.getValue();
            String immText = row.immText() == null ? "" : row.immText();
            BiConsumer<Assembler, Object[]> emit = (a, args) -> {
                if (op.hasImm8()) {
                    a.sse(op, (Xmm) args[0], (XmmMem) args[1], 5);
                } else {
                    a.sse(op, (Xmm) args[0], (XmmMem) args[1]);
                }
            };
            for (int[] p : PAIRS) {
                check.expect(row.mnemonic() + " " + xmm(p[0]) + "," + xmm(p[1]) + immText,
                        a -> emit.accept(a, new Object[] {Xmm.of(p[0]), Xmm.of(p[1])}));
            }
            check.expect(row.mnemonic() + " xmm11," + row.memPtr() + "[r13+r12*8+0x7f]" + immText,
                    a -> emit.accept(a, new Object[] {Xmm.XMM11, m}));
            check.expect(row.mnemonic() + " xmm6," + row.memPtr() + "[rbp+0x0]" + immText,
                    a -> emit.accept(a, new Object[] {Xmm.XMM6, rbp}));
        }
        check.verify();
    }

    @Test
    void immediateFormsAreCheckedAgainstTheOp() {
        var asm = new Assembler(CpuFeatures.all());
        assertThrows(IllegalArgumentException.class, () -> asm.sse(ADDSS, XMM0, XMM1, 1));
        assertThrows(IllegalArgumentException.class, () -> asm.sse(PSHUFD, XMM0, XMM1));
        assertThrows(IllegalArgumentException.class, () -> asm.sse(PSHUFD, XMM0, XMM1, 256));
        assertEquals(0, asm.position());
    }

    @Test
    void extensionsAreRequired() {
        var sse2 = new Assembler(CpuFeatures.baseline());
        sse2.sse(PADDQ, XMM0, XMM1);
        for (SseOp op : SseOp.values()) {
            if (op.feature() != null) {
                assertThrows(UnsupportedOperationException.class,
                        () -> {
                            if (op.hasImm8()) {
                                sse2.sse(op, XMM0, XMM1, 0);
                            } else {
                                sse2.sse(op, XMM0, XMM1);
                            }
                        }, op.mnemonic());
            }
        }
        assertThrows(UnsupportedOperationException.class, () -> sse2.pinsrd(XMM0, RAX, 1));
        assertThrows(UnsupportedOperationException.class, () -> sse2.pextrb(RAX, XMM0, 1));
        assertThrows(UnsupportedOperationException.class, () -> sse2.pextrw(Mem.of(RAX), XMM0, 1));
        sse2.pextrw(RAX, XMM0, 1); // the SSE2 register form
        sse2.pinsrw(XMM0, RAX, 1);
        var ssse3 = new Assembler(CpuFeatures.of(CpuFeature.SSSE3));
        ssse3.pshufb(XMM0, XMM1);
        assertThrows(UnsupportedOperationException.class, () -> ssse3.roundsd(XMM0, XMM1, RoundingMode.FLOOR));
    }

    @Test
    void namedShorthands() {
        Mem m = Mem.of(RSP, 0x10);
        String mt = "[rsp+0x10]";
        new ObjdumpCheck()
                .expect("addss xmm0,xmm1", "f3 0f 58 c1", a -> a.addss(XMM0, XMM1))
                .expect("addsd xmm8,xmm15", "f2 45 0f 58 c7", a -> a.addsd(XMM8, XMM15))
                .expect("subss xmm0,DWORD PTR " + mt, a -> a.subss(XMM0, m))
                .expect("subsd xmm0,QWORD PTR " + mt, a -> a.subsd(XMM0, m))
                .expect("mulss xmm0,xmm1", a -> a.mulss(XMM0, XMM1))
                .expect("mulsd xmm0,xmm1", a -> a.mulsd(XMM0, XMM1))
                .expect("divss xmm0,xmm1", a -> a.divss(XMM0, XMM1))
                .expect("divsd xmm0,xmm1", a -> a.divsd(XMM0, XMM1))
                .expect("minss xmm0,xmm1", a -> a.minss(XMM0, XMM1))
                .expect("minsd xmm0,xmm1", a -> a.minsd(XMM0, XMM1))
                .expect("maxss xmm0,xmm1", a -> a.maxss(XMM0, XMM1))
                .expect("maxsd xmm0,xmm1", a -> a.maxsd(XMM0, XMM1))
                .expect("sqrtss xmm0,xmm1", a -> a.sqrtss(XMM0, XMM1))
                .expect("sqrtsd xmm0,xmm1", a -> a.sqrtsd(XMM0, XMM1))
                .expect("ucomiss xmm0,xmm1", "0f 2e c1", a -> a.ucomiss(XMM0, XMM1))
                .expect("ucomisd xmm0,xmm1", "66 0f 2e c1", a -> a.ucomisd(XMM0, XMM1))
                .expect("cvtss2sd xmm0,xmm1", a -> a.cvtss2sd(XMM0, XMM1))
                .expect("cvtsd2ss xmm0,xmm1", a -> a.cvtsd2ss(XMM0, XMM1))
                .expect("roundss xmm0,xmm1,0x0", a -> a.roundss(XMM0, XMM1, RoundingMode.NEAREST))
                .expect("roundss xmm0,xmm1,0x1", a -> a.roundss(XMM0, XMM1, RoundingMode.FLOOR))
                .expect("roundsd xmm0,xmm1,0x2", a -> a.roundsd(XMM0, XMM1, RoundingMode.CEIL))
                .expect("roundsd xmm0,xmm1,0x3", "66 0f 3a 0b c1 03", a -> a.roundsd(XMM0, XMM1, RoundingMode.TRUNC))
                .expect("andps xmm0,xmm1", a -> a.andps(XMM0, XMM1))
                .expect("andpd xmm0,xmm1", a -> a.andpd(XMM0, XMM1))
                .expect("andnps xmm0,xmm1", a -> a.andnps(XMM0, XMM1))
                .expect("andnpd xmm0,xmm1", a -> a.andnpd(XMM0, XMM1))
                .expect("orps xmm0,xmm1", a -> a.orps(XMM0, XMM1))
                .expect("orpd xmm0,xmm1", a -> a.orpd(XMM0, XMM1))
                .expect("xorps xmm0,xmm0", "0f 57 c0", a -> a.xorps(XMM0, XMM0))
                .expect("xorpd xmm0,xmm1", a -> a.xorpd(XMM0, XMM1))
                .expect("pxor xmm0,xmm1", a -> a.pxor(XMM0, XMM1))
                .expect("pand xmm0,xmm1", a -> a.pand(XMM0, XMM1))
                .expect("por xmm0,xmm1", a -> a.por(XMM0, XMM1))
                .expect("pandn xmm0,xmm1", a -> a.pandn(XMM0, XMM1))
                .expect("paddb xmm0,xmm1", a -> a.paddb(XMM0, XMM1))
                .expect("paddw xmm0,xmm1", a -> a.paddw(XMM0, XMM1))
                .expect("paddd xmm0,xmm1", a -> a.paddd(XMM0, XMM1))
                .expect("paddq xmm0,xmm1", a -> a.paddq(XMM0, XMM1))
                .expect("psubb xmm0,xmm1", a -> a.psubb(XMM0, XMM1))
                .expect("psubw xmm0,xmm1", a -> a.psubw(XMM0, XMM1))
                .expect("psubd xmm0,xmm1", a -> a.psubd(XMM0, XMM1))
                .expect("psubq xmm0,xmm1", a -> a.psubq(XMM0, XMM1))
                .expect("pcmpeqb xmm0,xmm1", a -> a.pcmpeqb(XMM0, XMM1))
                .expect("pcmpeqw xmm0,xmm1", a -> a.pcmpeqw(XMM0, XMM1))
                .expect("pcmpeqd xmm0,xmm1", a -> a.pcmpeqd(XMM0, XMM1))
                .expect("pcmpeqq xmm0,xmm1", "66 0f 38 29 c1", a -> a.pcmpeqq(XMM0, XMM1))
                .expect("pshufb xmm0,xmm1", "66 0f 38 00 c1", a -> a.pshufb(XMM0, XMM1))
                .expect("pshufd xmm0,xmm1,0x1b", "66 0f 70 c1 1b", a -> a.pshufd(XMM0, XMM1, 0x1b))
                .expect("shufps xmm0,xmm1,0x44", "0f c6 c1 44", a -> a.shufps(XMM0, XMM1, 0x44))
                .expect("punpcklbw xmm0,xmm1", a -> a.punpcklbw(XMM0, XMM1))
                .expect("punpcklwd xmm0,xmm1", a -> a.punpcklwd(XMM0, XMM1))
                .expect("punpckldq xmm0,xmm1", a -> a.punpckldq(XMM0, XMM1))
                .expect("punpcklqdq xmm0,xmm1", a -> a.punpcklqdq(XMM0, XMM1))
                .verify();
    }

    @Test
    void movesLoadsAndStores() {
        Mem m = Mem.of(R13, 0x20);
        String mt = "[r13+0x20]";
        new ObjdumpCheck()
                .expect("movss xmm9,DWORD PTR " + mt, "f3 45 0f 10 4d 20", a -> a.movss(Xmm.XMM9, m))
                .expect("movss DWORD PTR " + mt + ",xmm9", "f3 45 0f 11 4d 20", a -> a.movss(m, Xmm.XMM9))
                .expect("movss xmm1,xmm2", a -> a.movss(XMM1, Xmm.XMM2))
                .expect("movsd xmm1,QWORD PTR " + mt, a -> a.movsd(XMM1, m))
                .expect("movsd QWORD PTR " + mt + ",xmm1", "f2 41 0f 11 4d 20", a -> a.movsd(m, XMM1))
                .expect("movaps xmm1,xmm15", "41 0f 28 cf", a -> a.movaps(XMM1, XMM15))
                .expect("movaps XMMWORD PTR " + mt + ",xmm1", "41 0f 29 4d 20", a -> a.movaps(m, XMM1))
                .expect("movups xmm1,XMMWORD PTR " + mt, a -> a.movups(XMM1, m))
                .expect("movups XMMWORD PTR " + mt + ",xmm1", a -> a.movups(m, XMM1))
                .expect("movapd xmm1,xmm2", a -> a.movapd(XMM1, Xmm.XMM2))
                .expect("movapd XMMWORD PTR " + mt + ",xmm1", a -> a.movapd(m, XMM1))
                .expect("movupd xmm1,XMMWORD PTR " + mt, a -> a.movupd(XMM1, m))
                .expect("movupd XMMWORD PTR " + mt + ",xmm1", a -> a.movupd(m, XMM1))
                .expect("movdqa xmm1,XMMWORD PTR " + mt, a -> a.movdqa(XMM1, m))
                .expect("movdqa XMMWORD PTR " + mt + ",xmm1", "66 41 0f 7f 4d 20", a -> a.movdqa(m, XMM1))
                .expect("movdqu xmm1,XMMWORD PTR " + mt, a -> a.movdqu(XMM1, m))
                .expect("movdqu XMMWORD PTR " + mt + ",xmm1", "f3 41 0f 7f 4d 20", a -> a.movdqu(m, XMM1))
                .expect("movq xmm1,QWORD PTR " + mt, "f3 41 0f 7e 4d 20", a -> a.movq(XMM1, m))
                .expect("movq xmm1,xmm8", a -> a.movq(XMM1, (XmmMem) XMM8))
                .expect("movq QWORD PTR " + mt + ",xmm1", "66 41 0f d6 4d 20", a -> a.movq(m, XMM1))
                .expect("movd xmm1,DWORD PTR " + mt, a -> a.movd(XMM1, m))
                .expect("movd DWORD PTR " + mt + ",xmm1", a -> a.movd(m, XMM1))
                .verify();
    }

    @Test
    void generalRegisterTransfersWithEveryRegister() {
        var check = new ObjdumpCheck();
        for (Gpr r : Gpr.values()) {
            int x = 15 - r.ordinal();
            Xmm v = Xmm.of(x);
            String r64 = R64[r.ordinal()];
            String r32 = R32[r.ordinal()];
            check.expect("movd " + xmm(x) + "," + r32, a -> a.movd(v, r));
            check.expect("movd " + r32 + "," + xmm(x), a -> a.movd(r, v));
            check.expect("movq " + xmm(x) + "," + r64, a -> a.movq(v, r));
            check.expect("movq " + r64 + "," + xmm(x), a -> a.movq(r, v));
            check.expect("cvtsi2ss " + xmm(x) + "," + r32, a -> a.cvtsi2ss(v, S32, r));
            check.expect("cvtsi2ss " + xmm(x) + "," + r64, a -> a.cvtsi2ss(v, S64, r));
            check.expect("cvtsi2sd " + xmm(x) + "," + r32, a -> a.cvtsi2sd(v, S32, r));
            check.expect("cvtsi2sd " + xmm(x) + "," + r64, a -> a.cvtsi2sd(v, S64, r));
            check.expect("cvttss2si " + r32 + "," + xmm(x), a -> a.cvttss2si(S32, r, v));
            check.expect("cvttss2si " + r64 + "," + xmm(x), a -> a.cvttss2si(S64, r, v));
            check.expect("cvttsd2si " + r32 + "," + xmm(x), a -> a.cvttsd2si(S32, r, v));
            check.expect("cvttsd2si " + r64 + "," + xmm(x), a -> a.cvttsd2si(S64, r, v));
            check.expect("cvtss2si " + r64 + "," + xmm(x), a -> a.cvtss2si(S64, r, v));
            check.expect("cvtsd2si " + r32 + "," + xmm(x), a -> a.cvtsd2si(S32, r, v));
            check.expect("pinsrb " + xmm(x) + "," + r32 + ",0xf", a -> a.pinsrb(v, r, 15));
            check.expect("pinsrw " + xmm(x) + "," + r32 + ",0x7", a -> a.pinsrw(v, r, 7));
            check.expect("pinsrd " + xmm(x) + "," + r32 + ",0x3", a -> a.pinsrd(v, r, 3));
            check.expect("pinsrq " + xmm(x) + "," + r64 + ",0x1", a -> a.pinsrq(v, r, 1));
            check.expect("pextrb " + r32 + "," + xmm(x) + ",0xf", a -> a.pextrb(r, v, 15));
            check.expect("pextrw " + r32 + "," + xmm(x) + ",0x7", a -> a.pextrw(r, v, 7));
            check.expect("pextrd " + r32 + "," + xmm(x) + ",0x3", a -> a.pextrd(r, v, 3));
            check.expect("pextrq " + r64 + "," + xmm(x) + ",0x1", a -> a.pextrq(r, v, 1));
            check.expect("extractps " + r32 + "," + xmm(x) + ",0x2", a -> a.extractps(r, v, 2));
            check.expect("movmskps " + r32 + "," + xmm(x), a -> a.movmskps(r, v));
            check.expect("movmskpd " + r32 + "," + xmm(x), a -> a.movmskpd(r, v));
            check.expect("pmovmskb " + r32 + "," + xmm(x), a -> a.pmovmskb(r, v));
        }
        check.verify();
    }

    @Test
    void generalRegisterTransfersWithMemory() {
        Mem m = Mem.of(RSP, R9, 4, -4);
        String mt = "[rsp+r9*4-0x4]";
        new ObjdumpCheck()
                .expect("cvtsi2ss xmm2,DWORD PTR " + mt, a -> a.cvtsi2ss(Xmm.XMM2, S32, m))
                .expect("cvtsi2ss xmm2,QWORD PTR " + mt, "f3 4a 0f 2a 54 8c fc", a -> a.cvtsi2ss(Xmm.XMM2, S64, m))
                .expect("cvtsi2sd xmm2,DWORD PTR " + mt, a -> a.cvtsi2sd(Xmm.XMM2, S32, m))
                .expect("cvtsi2sd xmm2,QWORD PTR " + mt, a -> a.cvtsi2sd(Xmm.XMM2, S64, m))
                .expect("cvttss2si eax,DWORD PTR " + mt, a -> a.cvttss2si(S32, RAX, m))
                .expect("cvttsd2si rax,QWORD PTR " + mt, a -> a.cvttsd2si(S64, RAX, m))
                .expect("pinsrb xmm2,BYTE PTR " + mt + ",0x1", a -> a.pinsrb(Xmm.XMM2, m, 1))
                .expect("pinsrw xmm2,WORD PTR " + mt + ",0x1", a -> a.pinsrw(Xmm.XMM2, m, 1))
                .expect("pinsrd xmm2,DWORD PTR " + mt + ",0x1", a -> a.pinsrd(Xmm.XMM2, m, 1))
                .expect("pinsrq xmm2,QWORD PTR " + mt + ",0x1", a -> a.pinsrq(Xmm.XMM2, m, 1))
                .expect("pextrb BYTE PTR " + mt + ",xmm2,0x1", a -> a.pextrb(m, Xmm.XMM2, 1))
                .expect("pextrw WORD PTR " + mt + ",xmm2,0x1", "66 42 0f 3a 15 54 8c fc 01", a -> a.pextrw(m, Xmm.XMM2, 1))
                .expect("pextrd DWORD PTR " + mt + ",xmm2,0x1", a -> a.pextrd(m, Xmm.XMM2, 1))
                .expect("pextrq QWORD PTR " + mt + ",xmm2,0x1", a -> a.pextrq(m, Xmm.XMM2, 1))
                .expect("extractps DWORD PTR " + mt + ",xmm2,0x1", a -> a.extractps(m, Xmm.XMM2, 1))
                .verify();
        var asm = new Assembler(CpuFeatures.all());
        assertThrows(IllegalArgumentException.class, () -> asm.cvtsi2sd(XMM0, Size.S16, RAX));
        assertThrows(IllegalArgumentException.class, () -> asm.cvttsd2si(Size.S8, RAX, XMM0));
        assertThrows(IllegalArgumentException.class, () -> asm.pinsrb(XMM0, RAX, 300));
    }

    @Test
    void packedShiftsByImmediate() {
        var check = new ObjdumpCheck();
        for (int x = 0; x < 16; x++) {
            Xmm v = Xmm.of(x);
            check.expect("psllw " + xmm(x) + ",0x1", a -> a.psllw(v, 1));
            check.expect("pslld " + xmm(x) + ",0x1f", a -> a.pslld(v, 31));
            check.expect("psllq " + xmm(x) + ",0x3f", a -> a.psllq(v, 63));
            check.expect("psrlw " + xmm(x) + ",0x2", a -> a.psrlw(v, 2));
            check.expect("psrld " + xmm(x) + ",0x2", a -> a.psrld(v, 2));
            check.expect("psrlq " + xmm(x) + ",0x2", a -> a.psrlq(v, 2));
            check.expect("psraw " + xmm(x) + ",0xf", a -> a.psraw(v, 15));
            check.expect("psrad " + xmm(x) + ",0x1f", a -> a.psrad(v, 31));
            check.expect("pslldq " + xmm(x) + ",0x8", a -> a.pslldq(v, 8));
            check.expect("psrldq " + xmm(x) + ",0x8", a -> a.psrldq(v, 8));
        }
        check.verify();
    }
}

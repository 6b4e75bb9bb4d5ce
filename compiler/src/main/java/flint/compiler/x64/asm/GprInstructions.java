package flint.compiler.x64.asm;

import static flint.compiler.x64.asm.Encoder.P66;
import static flint.compiler.x64.asm.Encoder.PF3;
import static flint.compiler.x64.asm.Encoder.REX_FORCE;
import static flint.compiler.x64.asm.Encoder.REX_W;
import static flint.compiler.x64.asm.OpMap.M0F;
import static flint.compiler.x64.asm.OpMap.PRIMARY;

/**
 * General-purpose integer instructions: moves, ALU, multiply/divide, shifts, bit operations,
 * conditional set/move, stack. Part of {@link Assembler}; a separate file only to keep one job per
 * file.
 *
 * <p>Conventions: the destination comes first (Intel order); {@code size} is the operand size; an
 * 8-bit form whose operand is one of SPL, BPL, SIL, DIL gets the REX prefix it needs. Opcodes are
 * from the Intel SDM vol. 2 instruction pages and quoted in each method's comment.
 */
public sealed interface GprInstructions permits Assembler {

    /** The encoding core this assembler writes through. */
    Encoder encoder();

    /** The instruction-set extensions this assembler may emit. */
    CpuFeatures features();

    // ---------------------------------------------------------------- moves

    /** {@code mov r/m, r} — 88 /r, 89 /r */
    default void mov(Size size, GprMem dst, Gpr src) {
        encoder().rx(p16(size), rex(size, src, dst), PRIMARY, size == Size.S8 ? 0x88 : 0x89, src.encoding(), dst, 0);
    }

    /** {@code mov r, m} — 8A /r, 8B /r */
    default void mov(Size size, Gpr dst, Mem src) {
        encoder().rm(p16(size), rex(size, dst, src), PRIMARY, size == Size.S8 ? 0x8A : 0x8B, dst.encoding(), src, 0);
    }

    /** {@code mov} from any operand: register, memory (then {@code dst} must be a register) or immediate. */
    default void mov(Size size, GprMem dst, Operand src) {
        switch (src) {
            case Gpr g -> mov(size, dst, g);
            case Mem m -> mov(size, register(dst, "mov from memory"), m);
            case Imm i -> movImm(size, dst, i.value());
            case Xmm x -> throw new IllegalArgumentException("mov from " + x + ": use movd/movq");
        }
    }

    /**
     * Loads an immediate with the shortest encoding: {@code B0+r ib}, {@code B8+r iw/id};
     * for 64 bits {@code B8+r id} when the value is a zero-extended uint32 (writing a 32-bit
     * register clears the upper half), {@code REX.W C7 /0 id} when it is a sign-extended int32,
     * else {@code movabs}. To memory: {@code C6 /0 ib}, {@code C7 /0 iw/id} (64-bit: sign-extended
     * int32 only).
     */
    default void movImm(Size size, GprMem dst, long imm) {
        checkImm(size, imm, "mov");
        switch (dst) {
            case Gpr r -> {
                switch (size) {
                    case S8 -> {
                        encoder().opReg(0, r.byteNeedsRex() ? REX_FORCE : 0, PRIMARY, 0xB0, r.encoding());
                        encoder().imm8((int) imm);
                    }
                    case S16 -> {
                        encoder().opReg(P66, 0, PRIMARY, 0xB8, r.encoding());
                        encoder().imm16((int) imm);
                    }
                    case S32 -> {
                        encoder().opReg(0, 0, PRIMARY, 0xB8, r.encoding());
                        encoder().imm32((int) imm);
                    }
                    case S64 -> {
                        if (imm >= 0 && imm <= 0xFFFF_FFFFL) {
                            movImm(Size.S32, r, imm);
                        } else if (imm == (int) imm) {
                            encoder().rr(0, REX_W, PRIMARY, 0xC7, 0, r.encoding());
                            encoder().imm32((int) imm);
                        } else {
                            movabs(r, imm);
                        }
                    }
                }
            }
            case Mem m -> {
                if (size == Size.S64 && imm != (int) imm) {
                    throw new IllegalArgumentException("mov qword to memory takes a sign-extended imm32: " + imm);
                }
                encoder().rm(p16(size), w(size), PRIMARY, size == Size.S8 ? 0xC6 : 0xC7, 0, m, immBytes(size));
                encoder().imm(size, (int) imm);
            }
        }
    }

    /** {@code movabs r64, imm64} — REX.W B8+r io, always the 10-byte form (patchable). */
    default void movabs(Gpr dst, long imm) {
        encoder().opReg(0, REX_W, PRIMARY, 0xB8, dst.encoding());
        encoder().imm64(imm);
    }

    /**
     * Zero-extending load: {@code movzx r, r/m8} (0F B6 /r) or {@code movzx r, r/m16} (0F B7 /r).
     * A 32-bit destination already clears bits 32–63, so {@code dstSize} 64 is rarely needed.
     */
    default void movzx(Size dstSize, Gpr dst, Size srcSize, GprMem src) {
        int opcode = switch (srcSize) {
            case S8 -> 0xB6;
            case S16 -> 0xB7;
            default -> throw new IllegalArgumentException("movzx from " + srcSize + ": use a 32-bit mov");
        };
        checkExtend(dstSize, srcSize, "movzx");
        encoder().rx(p16(dstSize), w(dstSize) | byteRex(srcSize, src), M0F, opcode, dst.encoding(), src, 0);
    }

    /**
     * Sign-extending load: {@code movsx r, r/m8} (0F BE /r), {@code movsx r, r/m16} (0F BF /r),
     * and from 32 to 64 bits {@code movsxd} (REX.W 63 /r).
     */
    default void movsx(Size dstSize, Gpr dst, Size srcSize, GprMem src) {
        checkExtend(dstSize, srcSize, "movsx");
        switch (srcSize) {
            case S8 -> encoder().rx(p16(dstSize), w(dstSize) | byteRex(srcSize, src), M0F, 0xBE, dst.encoding(), src, 0);
            case S16 -> encoder().rx(p16(dstSize), w(dstSize), M0F, 0xBF, dst.encoding(), src, 0);
            case S32 -> movsxd(dst, src);
            case S64 -> throw new IllegalArgumentException("movsx from 64 bits");
        }
    }

    /** {@code movsxd r64, r/m32} — REX.W 63 /r */
    default void movsxd(Gpr dst, GprMem src) {
        encoder().rx(0, REX_W, PRIMARY, 0x63, dst.encoding(), src, 0);
    }

    /** {@code lea r, m} — 8D /r. Address arithmetic without touching flags. */
    default void lea(Size size, Gpr dst, Mem src) {
        notByte(size, "lea");
        encoder().rm(p16(size), w(size), PRIMARY, 0x8D, dst.encoding(), src, 0);
    }

    /** {@code xchg r/m, r} — 86 /r, 87 /r. With a memory operand it is implicitly locked. */
    default void xchg(Size size, GprMem a, Gpr b) {
        encoder().rx(p16(size), rex(size, b, a), PRIMARY, size == Size.S8 ? 0x86 : 0x87, b.encoding(), a, 0);
    }

    // ---------------------------------------------------------------- ALU

    /** {@code op r/m, r} — (8n+0) /r, (8n+1) /r */
    default void alu(AluOp op, Size size, GprMem dst, Gpr src) {
        encoder().rx(p16(size), rex(size, src, dst), PRIMARY, op.base() + (size == Size.S8 ? 0 : 1), src.encoding(), dst, 0);
    }

    /** {@code op r, m} — (8n+2) /r, (8n+3) /r */
    default void alu(AluOp op, Size size, Gpr dst, Mem src) {
        encoder().rm(p16(size), rex(size, dst, src), PRIMARY, op.base() + (size == Size.S8 ? 2 : 3), dst.encoding(), src, 0);
    }

    /**
     * {@code op r/m, imm} with the shortest encoding: 83 /n ib (sign-extended imm8), the
     * accumulator forms (8n+4) ib and (8n+5) id, or 80 /n ib, 81 /n iw/id. 64-bit operations take a
     * sign-extended imm32, which is all an {@code int} can say.
     */
    default void alu(AluOp op, Size size, GprMem dst, int imm) {
        if (!size.fitsImmediate(imm)) checkImm(size, imm, op.name().toLowerCase(java.util.Locale.ROOT)); // the name only for the message
        int v = size == Size.S8 ? (byte) imm : size == Size.S16 ? (short) imm : imm;
        boolean accumulator = dst == Gpr.RAX;
        if (size == Size.S8) {
            if (accumulator) {
                encoder().op(0, 0, PRIMARY, op.base() + 4);
            } else {
                encoder().rx(0, byteRex(size, dst), PRIMARY, 0x80, op.digit(), dst, 1);
            }
            encoder().imm8(v);
        } else if (v == (byte) v) {
            encoder().rx(p16(size), w(size), PRIMARY, 0x83, op.digit(), dst, 1);
            encoder().imm8(v);
        } else {
            if (accumulator) {
                encoder().op(p16(size), w(size), PRIMARY, op.base() + 5);
            } else {
                encoder().rx(p16(size), w(size), PRIMARY, 0x81, op.digit(), dst, immBytes(size));
            }
            encoder().imm(size, v);
        }
    }

    /** {@code op dst, src} for any source operand (register, memory or immediate). */
    default void alu(AluOp op, Size size, GprMem dst, Operand src) {
        switch (src) {
            case Gpr g -> alu(op, size, dst, g);
            case Mem m -> alu(op, size, register(dst, op + " from memory"), m);
            case Imm i -> {
                if (size == Size.S64 ? !i.fitsInt32() : !size.fitsImmediate(i.value())) {
                    throw new IllegalArgumentException(op + " immediate " + i + " does not fit " + size);
                }
                alu(op, size, dst, (int) i.value());
            }
            case Xmm x -> throw new IllegalArgumentException(op + " with " + x);
        }
    }

    /**
     * {@code op r/m, imm32} always in the long form (81 /n id), so the immediate can be patched
     * later, e.g. a frame size known only at the end of the function.
     *
     * @return the offset of the 4-byte immediate, for {@link Assembler#patch32}
     */
    default int aluImm32(AluOp op, Size size, GprMem dst, int imm) {
        if (size == Size.S8 || size == Size.S16) {
            throw new IllegalArgumentException("aluImm32 needs a 32 or 64-bit operation, not " + size);
        }
        encoder().rx(0, w(size), PRIMARY, 0x81, op.digit(), dst, 4);
        int at = encoder().buffer().position();
        encoder().imm32(imm);
        return at;
    }

    default void add(Size size, GprMem dst, Gpr src) { alu(AluOp.ADD, size, dst, src); }
    default void add(Size size, Gpr dst, Mem src) { alu(AluOp.ADD, size, dst, src); }
    default void add(Size size, GprMem dst, int imm) { alu(AluOp.ADD, size, dst, imm); }
    default void or(Size size, GprMem dst, Gpr src) { alu(AluOp.OR, size, dst, src); }
    default void or(Size size, Gpr dst, Mem src) { alu(AluOp.OR, size, dst, src); }
    default void or(Size size, GprMem dst, int imm) { alu(AluOp.OR, size, dst, imm); }
    default void adc(Size size, GprMem dst, Gpr src) { alu(AluOp.ADC, size, dst, src); }
    default void adc(Size size, Gpr dst, Mem src) { alu(AluOp.ADC, size, dst, src); }
    default void adc(Size size, GprMem dst, int imm) { alu(AluOp.ADC, size, dst, imm); }
    default void sbb(Size size, GprMem dst, Gpr src) { alu(AluOp.SBB, size, dst, src); }
    default void sbb(Size size, Gpr dst, Mem src) { alu(AluOp.SBB, size, dst, src); }
    default void sbb(Size size, GprMem dst, int imm) { alu(AluOp.SBB, size, dst, imm); }
    default void and(Size size, GprMem dst, Gpr src) { alu(AluOp.AND, size, dst, src); }
    default void and(Size size, Gpr dst, Mem src) { alu(AluOp.AND, size, dst, src); }
    default void and(Size size, GprMem dst, int imm) { alu(AluOp.AND, size, dst, imm); }
    default void sub(Size size, GprMem dst, Gpr src) { alu(AluOp.SUB, size, dst, src); }
    default void sub(Size size, Gpr dst, Mem src) { alu(AluOp.SUB, size, dst, src); }
    default void sub(Size size, GprMem dst, int imm) { alu(AluOp.SUB, size, dst, imm); }
    default void xor(Size size, GprMem dst, Gpr src) { alu(AluOp.XOR, size, dst, src); }
    default void xor(Size size, Gpr dst, Mem src) { alu(AluOp.XOR, size, dst, src); }
    default void xor(Size size, GprMem dst, int imm) { alu(AluOp.XOR, size, dst, imm); }
    default void cmp(Size size, GprMem dst, Gpr src) { alu(AluOp.CMP, size, dst, src); }
    default void cmp(Size size, Gpr dst, Mem src) { alu(AluOp.CMP, size, dst, src); }
    default void cmp(Size size, GprMem dst, int imm) { alu(AluOp.CMP, size, dst, imm); }

    /** {@code test r/m, r} — 84 /r, 85 /r (AND that only sets flags; symmetric) */
    default void test(Size size, GprMem a, Gpr b) {
        encoder().rx(p16(size), rex(size, b, a), PRIMARY, size == Size.S8 ? 0x84 : 0x85, b.encoding(), a, 0);
    }

    /** {@code test r/m, imm} — A8 ib / A9 id for the accumulator, else F6 /0 ib, F7 /0 iw/id */
    default void test(Size size, GprMem a, int imm) {
        checkImm(size, imm, "test");
        if (a == Gpr.RAX) {
            encoder().op(p16(size), w(size), PRIMARY, size == Size.S8 ? 0xA8 : 0xA9);
        } else {
            encoder().rx(p16(size), w(size) | byteRex(size, a), PRIMARY, size == Size.S8 ? 0xF6 : 0xF7, 0, a, immBytes(size));
        }
        encoder().imm(size, imm);
    }

    /** {@code inc r/m} — FE /0, FF /0 */
    default void inc(Size size, GprMem dst) {
        group3or5(size, size == Size.S8 ? 0xFE : 0xFF, 0, dst);
    }

    /** {@code dec r/m} — FE /1, FF /1 */
    default void dec(Size size, GprMem dst) {
        group3or5(size, size == Size.S8 ? 0xFE : 0xFF, 1, dst);
    }

    /** {@code not r/m} — F6 /2, F7 /2 */
    default void not(Size size, GprMem dst) {
        group3or5(size, size == Size.S8 ? 0xF6 : 0xF7, 2, dst);
    }

    /** {@code neg r/m} — F6 /3, F7 /3 */
    default void neg(Size size, GprMem dst) {
        group3or5(size, size == Size.S8 ? 0xF6 : 0xF7, 3, dst);
    }

    // ---------------------------------------------------------------- multiply and divide

    /** {@code imul r, r/m} — 0F AF /r (truncating signed multiply; also right for unsigned) */
    default void imul(Size size, Gpr dst, GprMem src) {
        notByte(size, "imul");
        encoder().rx(p16(size), w(size), M0F, 0xAF, dst.encoding(), src, 0);
    }

    /** {@code imul r, r/m, imm} — 6B /r ib, 69 /r iw/id */
    default void imul(Size size, Gpr dst, GprMem src, int imm) {
        notByte(size, "imul");
        checkImm(size, imm, "imul");
        if (imm == (byte) imm) {
            encoder().rx(p16(size), w(size), PRIMARY, 0x6B, dst.encoding(), src, 1);
            encoder().imm8(imm);
        } else {
            encoder().rx(p16(size), w(size), PRIMARY, 0x69, dst.encoding(), src, immBytes(size));
            encoder().imm(size, imm);
        }
    }

    /** {@code mul r/m} — F6 /4, F7 /4: unsigned rdx:rax = rax * src */
    default void mul(Size size, GprMem src) {
        group3or5(size, size == Size.S8 ? 0xF6 : 0xF7, 4, src);
    }

    /** {@code imul r/m} (one operand) — F6 /5, F7 /5: signed rdx:rax = rax * src */
    default void imul(Size size, GprMem src) {
        group3or5(size, size == Size.S8 ? 0xF6 : 0xF7, 5, src);
    }

    /**
     * {@code div r/m} — F6 /6, F7 /6: unsigned rdx:rax / src. Faults (SIGFPE, fatal under the JVM)
     * on a zero divisor or an overflowing quotient: check first.
     */
    default void div(Size size, GprMem src) {
        group3or5(size, size == Size.S8 ? 0xF6 : 0xF7, 6, src);
    }

    /**
     * {@code idiv r/m} — F6 /7, F7 /7: signed rdx:rax / src. Faults on a zero divisor and on
     * MIN / -1: check both first.
     */
    default void idiv(Size size, GprMem src) {
        group3or5(size, size == Size.S8 ? 0xF6 : 0xF7, 7, src);
    }

    /** {@code cdq} — 99: sign-extends eax into edx before a 32-bit idiv */
    default void cdq() {
        encoder().op(0, 0, PRIMARY, 0x99);
    }

    /** {@code cqo} — REX.W 99: sign-extends rax into rdx before a 64-bit idiv */
    default void cqo() {
        encoder().op(0, REX_W, PRIMARY, 0x99);
    }

    // ---------------------------------------------------------------- shifts and rotates

    /** {@code op r/m, imm8} — D0/D1 /n for a count of 1, else C0/C1 /n ib. The CPU masks the count. */
    default void shift(ShiftOp op, Size size, GprMem dst, int count) {
        if (count < 0 || count > 0xFF) {
            throw new IllegalArgumentException("shift count must be an imm8: " + count);
        }
        if (count == 1) {
            encoder().rx(p16(size), w(size) | byteRex(size, dst), PRIMARY, size == Size.S8 ? 0xD0 : 0xD1, op.digit(), dst, 0);
        } else {
            encoder().rx(p16(size), w(size) | byteRex(size, dst), PRIMARY, size == Size.S8 ? 0xC0 : 0xC1, op.digit(), dst, 1);
            encoder().imm8(count);
        }
    }

    /** {@code op r/m, cl} — D2 /n, D3 /n. The count must be in CL (and the CPU masks it). */
    default void shiftCl(ShiftOp op, Size size, GprMem dst) {
        encoder().rx(p16(size), w(size) | byteRex(size, dst), PRIMARY, size == Size.S8 ? 0xD2 : 0xD3, op.digit(), dst, 0);
    }

    default void shl(Size size, GprMem dst, int count) { shift(ShiftOp.SHL, size, dst, count); }
    default void shr(Size size, GprMem dst, int count) { shift(ShiftOp.SHR, size, dst, count); }
    default void sar(Size size, GprMem dst, int count) { shift(ShiftOp.SAR, size, dst, count); }
    default void rol(Size size, GprMem dst, int count) { shift(ShiftOp.ROL, size, dst, count); }
    default void ror(Size size, GprMem dst, int count) { shift(ShiftOp.ROR, size, dst, count); }
    default void shlCl(Size size, GprMem dst) { shiftCl(ShiftOp.SHL, size, dst); }
    default void shrCl(Size size, GprMem dst) { shiftCl(ShiftOp.SHR, size, dst); }
    default void sarCl(Size size, GprMem dst) { shiftCl(ShiftOp.SAR, size, dst); }
    default void rolCl(Size size, GprMem dst) { shiftCl(ShiftOp.ROL, size, dst); }
    default void rorCl(Size size, GprMem dst) { shiftCl(ShiftOp.ROR, size, dst); }

    // ---------------------------------------------------------------- bits

    /** {@code bt r/m, r} — 0F A3 /r: CF = selected bit. With memory the bit offset is not masked. */
    default void bt(Size size, GprMem base, Gpr bit) {
        notByte(size, "bt");
        encoder().rx(p16(size), w(size), M0F, 0xA3, bit.encoding(), base, 0);
    }

    /** {@code bt r/m, imm8} — 0F BA /4 ib */
    default void bt(Size size, GprMem base, int bit) {
        notByte(size, "bt");
        if (bit < 0 || bit > 0xFF) {
            throw new IllegalArgumentException("bt bit index must be an imm8: " + bit);
        }
        encoder().rx(p16(size), w(size), M0F, 0xBA, 4, base, 1);
        encoder().imm8(bit);
    }

    /** {@code bsf r, r/m} — 0F BC /r: index of the lowest set bit; ZF=1 and dst undefined for 0. */
    default void bsf(Size size, Gpr dst, GprMem src) {
        notByte(size, "bsf");
        encoder().rx(p16(size), w(size), M0F, 0xBC, dst.encoding(), src, 0);
    }

    /** {@code bsr r, r/m} — 0F BD /r: index of the highest set bit; ZF=1 and dst undefined for 0. */
    default void bsr(Size size, Gpr dst, GprMem src) {
        notByte(size, "bsr");
        encoder().rx(p16(size), w(size), M0F, 0xBD, dst.encoding(), src, 0);
    }

    /** {@code lzcnt r, r/m} — F3 0F BD /r (needs {@link CpuFeature#LZCNT}); operand size for 0. */
    default void lzcnt(Size size, Gpr dst, GprMem src) {
        features().require(CpuFeature.LZCNT, "lzcnt");
        bitCount(size, 0xBD, dst, src, "lzcnt");
    }

    /** {@code tzcnt r, r/m} — F3 0F BC /r (needs {@link CpuFeature#BMI1}); operand size for 0. */
    default void tzcnt(Size size, Gpr dst, GprMem src) {
        features().require(CpuFeature.BMI1, "tzcnt");
        bitCount(size, 0xBC, dst, src, "tzcnt");
    }

    /** {@code popcnt r, r/m} — F3 0F B8 /r (needs {@link CpuFeature#POPCNT}) */
    default void popcnt(Size size, Gpr dst, GprMem src) {
        features().require(CpuFeature.POPCNT, "popcnt");
        bitCount(size, 0xB8, dst, src, "popcnt");
    }

    /** {@code bswap r} — 0F C8+r (32 and 64 bits; the 16-bit form is undefined) */
    default void bswap(Size size, Gpr reg) {
        if (size != Size.S32 && size != Size.S64) {
            throw new IllegalArgumentException("bswap is 32 or 64 bits, not " + size);
        }
        encoder().opReg(0, w(size), M0F, 0xC8, reg.encoding());
    }

    // ---------------------------------------------------------------- flags to values

    /** {@code setcc r/m8} — 0F 90+cc /0: the byte becomes 1 if the condition holds, else 0. */
    default void setcc(Cond cond, GprMem dst) {
        encoder().rx(0, byteRex(Size.S8, dst), M0F, 0x90 + cond.code(), 0, dst, 0);
    }

    /** {@code cmovcc r, r/m} — 0F 40+cc /r. A 32-bit cmov zero-extends even when it does not move. */
    default void cmov(Cond cond, Size size, Gpr dst, GprMem src) {
        notByte(size, "cmov");
        encoder().rx(p16(size), w(size), M0F, 0x40 + cond.code(), dst.encoding(), src, 0);
    }

    // ---------------------------------------------------------------- stack

    /** {@code push r64} — 50+r; {@code push m64} — FF /6 */
    default void push(GprMem src) {
        switch (src) {
            case Gpr r -> encoder().opReg(0, 0, PRIMARY, 0x50, r.encoding());
            case Mem m -> encoder().rm(0, 0, PRIMARY, 0xFF, 6, m, 0);
        }
    }

    /** {@code push imm} — 6A ib, 68 id (sign-extended to 64 bits) */
    default void pushImm(int imm) {
        if (imm == (byte) imm) {
            encoder().op(0, 0, PRIMARY, 0x6A);
            encoder().imm8(imm);
        } else {
            encoder().op(0, 0, PRIMARY, 0x68);
            encoder().imm32(imm);
        }
    }

    /** {@code pop r64} — 58+r; {@code pop m64} — 8F /0 */
    default void pop(GprMem dst) {
        switch (dst) {
            case Gpr r -> encoder().opReg(0, 0, PRIMARY, 0x58, r.encoding());
            case Mem m -> encoder().rm(0, 0, PRIMARY, 0x8F, 0, m, 0);
        }
    }

    /** {@code leave} — C9: mov rsp, rbp; pop rbp */
    default void leave() {
        encoder().op(0, 0, PRIMARY, 0xC9);
    }

    // ---------------------------------------------------------------- helpers

    private void group3or5(Size size, int opcode, int digit, GprMem operand) {
        encoder().rx(p16(size), w(size) | byteRex(size, operand), PRIMARY, opcode, digit, operand, 0);
    }

    private void bitCount(Size size, int opcode, Gpr dst, GprMem src, String name) {
        notByte(size, name);
        encoder().rx(Encoder.prefixes(p16(size), PF3), w(size), M0F, opcode, dst.encoding(), src, 0);
    }

    /** The operand-size prefix: 66 selects 16-bit operands. */
    private static int p16(Size size) {
        return size == Size.S16 ? P66 : 0;
    }

    private static int w(Size size) {
        return size == Size.S64 ? REX_W : 0;
    }

    /** REX bits for an instruction of this size whose ModRM.reg is {@code reg} (a register). */
    private static int rex(Size size, Gpr reg, GprMem rm) {
        return switch (size) {
            case S64 -> REX_W;
            case S8 -> reg.byteNeedsRex() ? REX_FORCE : byteRex(size, rm);
            default -> 0;
        };
    }

    /** REX_FORCE when a byte-sized r/m register is SPL, BPL, SIL or DIL. */
    private static int byteRex(Size size, GprMem rm) {
        return size == Size.S8 && rm instanceof Gpr g && g.byteNeedsRex() ? REX_FORCE : 0;
    }

    private static int immBytes(Size size) {
        return Math.min(size.bytes(), 4);
    }

    private static void checkImm(Size size, long imm, String what) {
        if (!size.fitsImmediate(imm)) {
            throw new IllegalArgumentException(what + " immediate " + imm + " does not fit " + size);
        }
    }

    private static void notByte(Size size, String what) {
        if (size == Size.S8) {
            throw new IllegalArgumentException(what + " has no 8-bit form");
        }
    }

    private static void checkExtend(Size dstSize, Size srcSize, String what) {
        if (dstSize.bytes() <= srcSize.bytes()) {
            throw new IllegalArgumentException(what + " from " + srcSize + " to " + dstSize);
        }
    }

    private static Gpr register(GprMem operand, String what) {
        if (operand instanceof Gpr g) {
            return g;
        }
        throw new IllegalArgumentException(what + " needs a register destination, not " + operand);
    }
}

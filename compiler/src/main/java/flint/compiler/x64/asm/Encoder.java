package flint.compiler.x64.asm;

/**
 * The encoding core: legacy prefixes, REX, opcode, ModRM, SIB, displacement and immediates, in
 * that order (Intel SDM vol. 2A, 2.1). It knows register numbers, not mnemonics; every instruction
 * method of the assembler is a call of {@link #rr} or {@link #rm} with the instruction's prefixes
 * and opcode, followed by its immediate.
 *
 * <p>It is public as the escape hatch for encodings the assembler does not name: an SSE
 * instruction the assembler lacks is one call of {@link #rx}.
 */
public final class Encoder {
    /** REX.W: 64-bit operand size. */
    public static final int REX_W = 0x08;
    /**
     * Emit a REX prefix even when none of its bits is set, so that byte-register numbers 4–7 mean
     * SPL, BPL, SIL, DIL rather than AH, CH, DH, BH.
     */
    public static final int REX_FORCE = 0x100;

    /** Operand-size override: 16-bit operands, or the mandatory 66 of an SSE instruction. */
    public static final int P66 = 0x66;
    public static final int PF2 = 0xF2;
    public static final int PF3 = 0xF3;

    private final CodeBuffer buf;
    private final Labels labels;

    Encoder(CodeBuffer buf, Labels labels) {
        this.buf = buf;
        this.labels = labels;
    }

    public CodeBuffer buffer() {
        return buf;
    }

    /**
     * Two legacy prefixes in emission order, e.g. {@code prefixes(P66, PF3)} for {@code popcnt r16}:
     * the operand-size override comes first, the mandatory prefix last, next to REX and opcode.
     */
    public static int prefixes(int first, int second) {
        return first == 0 ? second : second == 0 ? first : first << 8 | second;
    }

    /**
     * An instruction whose r/m operand is a register (ModRM.mod = 11).
     *
     * @param prefixes legacy prefix bytes (0, one byte, or two packed by {@link #prefixes})
     * @param rex      {@link #REX_W} and/or {@link #REX_FORCE}, or 0; R and B are derived here
     * @param reg      ModRM.reg: a register number 0–15 or an opcode extension 0–7
     * @param rm       the r/m register number 0–15
     */
    public void rr(int prefixes, int rex, OpMap map, int opcode, int reg, int rm) {
        emitPrefixes(prefixes);
        emitRex(rex, reg, 0, rm);
        map.emit(buf);
        buf.emit8(opcode);
        buf.emit8(0xC0 | (reg & 7) << 3 | (rm & 7));
    }

    /**
     * An instruction whose r/m operand is memory.
     *
     * @param immBytes size of the immediate that will follow; a RIP-relative displacement is
     *                 relative to the end of the whole instruction, immediate included
     */
    public void rm(int prefixes, int rex, OpMap map, int opcode, int reg, Mem mem, int immBytes) {
        emitPrefixes(prefixes);
        switch (mem) {
            case Mem.BaseIndex(Gpr base, Gpr index, Scale scale, int disp) -> {
                emitRex(rex, reg, index == null ? 0 : index.encoding(), base == null ? 0 : base.encoding());
                map.emit(buf);
                buf.emit8(opcode);
                modRmSibDisp(reg & 7, base, index, scale, disp);
            }
            case Mem.RipRelative(Label label, int addend) -> {
                emitRex(rex, reg, 0, 0);
                map.emit(buf);
                buf.emit8(opcode);
                buf.emit8((reg & 7) << 3 | 0b101); // mod=00 rm=101: [rip + disp32] in 64-bit mode
                int at = buf.position();
                buf.emit32(0);
                labels.reference(label, at, 4, at + 4 + immBytes, addend);
            }
        }
    }

    /**
     * {@link #rr} or {@link #rm} for a general-purpose r/m operand. (An argument whose static type is
     * {@link Mem} matches both {@code rx} overloads; call {@link #rm} for it directly.)
     */
    public void rx(int prefixes, int rex, OpMap map, int opcode, int reg, GprMem rm, int immBytes) {
        switch (rm) {
            case Gpr r -> rr(prefixes, rex, map, opcode, reg, r.encoding());
            case Mem m -> rm(prefixes, rex, map, opcode, reg, m, immBytes);
        }
    }

    /** {@link #rr} or {@link #rm} for an SSE r/m operand. */
    public void rx(int prefixes, int rex, OpMap map, int opcode, int reg, XmmMem rm, int immBytes) {
        switch (rm) {
            case Xmm x -> rr(prefixes, rex, map, opcode, reg, x.encoding());
            case Mem m -> rm(prefixes, rex, map, opcode, reg, m, immBytes);
        }
    }

    /** An instruction with the register in the opcode's low three bits (push, pop, mov r, imm, bswap). */
    public void opReg(int prefixes, int rex, OpMap map, int opcodeBase, int reg) {
        emitPrefixes(prefixes);
        emitRex(rex, 0, 0, reg);
        map.emit(buf);
        buf.emit8(opcodeBase | (reg & 7));
    }

    /** An instruction with no ModRM (ret, cdq, ...). */
    public void op(int prefixes, int rex, OpMap map, int opcode) {
        emitPrefixes(prefixes);
        emitRex(rex, 0, 0, 0);
        map.emit(buf);
        buf.emit8(opcode);
    }

    public void imm8(int v) {
        buf.emit8(v);
    }

    public void imm16(int v) {
        buf.emit16(v);
    }

    public void imm32(int v) {
        buf.emit32(v);
    }

    public void imm64(long v) {
        buf.emit64(v);
    }

    /** Emits an immediate of the operand size, at most 32 bits (64-bit operations sign-extend it). */
    void imm(Size size, int v) {
        switch (size) {
            case S8 -> buf.emit8(v);
            case S16 -> buf.emit16(v);
            case S32, S64 -> buf.emit32(v);
        }
    }

    /** A 4-byte field that will hold {@code label + addend - origin}; origin -1 means "just past it". */
    void labelRef32(Label label, int origin, int addend) {
        int at = buf.position();
        buf.emit32(0);
        labels.reference(label, at, 4, origin < 0 ? at + 4 : origin, addend);
    }

    /** A 1-byte field holding {@code label - (end of field)}: a short branch displacement. */
    void labelRef8(Label label) {
        int at = buf.position();
        buf.emit8(0);
        labels.reference(label, at, 1, at + 1, 0);
    }

    private void emitPrefixes(int prefixes) {
        if (prefixes > 0xFF) {
            buf.emit8(prefixes >>> 8);
        }
        if (prefixes != 0) {
            buf.emit8(prefixes & 0xFF);
        }
    }

    /** REX = 0100WRXB; emitted only when a bit is set or REX_FORCE asks for it. */
    private void emitRex(int rex, int reg, int index, int base) {
        int bits = (rex & REX_W) | (reg & 8) >>> 1 | (index & 8) >>> 2 | (base & 8) >>> 3;
        if (bits != 0 || (rex & REX_FORCE) != 0) {
            buf.emit8(0x40 | bits);
        }
    }

    /**
     * ModRM, optional SIB and displacement for {@code [base + index*scale + disp]}. The special
     * cases, all visible in the low three bits of the base register number:
     * <ul>
     *   <li>r/m = 100 means "a SIB byte follows", so RSP and R12 as base always need a SIB;
     *   <li>mod = 00 with r/m (or SIB.base) = 101 means "no base, disp32" (RIP-relative without a
     *       SIB), so RBP and R13 as base need an explicit disp8 of 0;
     *   <li>SIB.index = 100 means "no index" (REX.X = 0), which is why RSP cannot be an index.
     * </ul>
     */
    private void modRmSibDisp(int reg, Gpr base, Gpr index, Scale scale, int disp) {
        if (base == null) {
            // mod=00 rm=100 + SIB base=101: [index*scale + disp32], or just [disp32] with no index
            buf.emit8(reg << 3 | 0b100);
            buf.emit8(scale.bits() << 6 | (index == null ? 0b100 : index.encoding() & 7) << 3 | 0b101);
            buf.emit32(disp);
            return;
        }
        int b = base.encoding() & 7;
        boolean sib = index != null || b == 0b100;
        int mod;
        if (disp == 0 && b != 0b101) {
            mod = 0b00;
        } else if (disp == (byte) disp) {
            mod = 0b01;
        } else {
            mod = 0b10;
        }
        buf.emit8(mod << 6 | reg << 3 | (sib ? 0b100 : b));
        if (sib) {
            buf.emit8(scale.bits() << 6 | (index == null ? 0b100 : index.encoding() & 7) << 3 | b);
        }
        if (mod == 0b01) {
            buf.emit8(disp);
        } else if (mod == 0b10) {
            buf.emit32(disp);
        }
    }
}

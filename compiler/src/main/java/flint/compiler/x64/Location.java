package flint.compiler.x64;

import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Xmm;

/**
 * Where a value of the virtual value stack is: in a general-purpose register (integers), an SSE
 * register (floats), in a stack slot of the frame, a
 * constant not yet materialized, or the outcome of a comparison still in the CPU's condition flags.
 *
 * <p>Registers and slots may be shared by several stack entries (a {@code local.get} of a value
 * in a register pushes the same register again); the {@link RegisterAllocator} counts the
 * references. A shared location is never written: an instruction that would modify its operand
 * in place first copies it into a register of its own.
 */
public sealed interface Location {

    /** A general-purpose register. */
    record Reg(Gpr gpr) implements Location {
        @Override public String toString() { return gpr.toString(); }
    }

    /** An SSE register: an f32 or f64 in its low lane (the upper lanes are garbage). */
    record XReg(Xmm xmm) implements Location {
        @Override public String toString() { return xmm.toString(); }
    }

    /**
     * An 8-byte (frame) or 16-byte (incoming parameter) slot at {@code [rbp + offset]}; see
     * {@link Frame}. A value occupies the slot's low bytes.
     */
    record Slot(int offset) implements Location {
        @Override public String toString() { return "[rbp" + (offset < 0 ? "-" : "+") + Math.abs(offset) + "]"; }
    }

    /**
     * A constant: i32 values are kept sign-extended ({@code (long) (int) v}); floats as their bit
     * pattern, f32 sign-extended like an i32.
     */
    record Const(long value) implements Location {
        @Override public String toString() { return "#" + value; }
    }

    /**
     * An i32 that is 1 when {@code cond} holds for the flags as the last comparison left them, else 0.
     * At most one entry, the top of the stack, is ever in the flags; anything that would change the
     * flags materializes it first.
     */
    record Flags(Cond cond) implements Location {
        @Override public String toString() { return "flags." + cond.suffix(); }
    }

    Reg[] REGS = initRegs();

    XReg[] XREGS = initXRegs();

    private static XReg[] initXRegs() {
        var regs = new XReg[16];
        for (var x : Xmm.values()) regs[x.ordinal()] = new XReg(x);
        return regs;
    }

    static XReg xreg(Xmm xmm) {
        return XREGS[xmm.ordinal()];
    }

    private static Reg[] initRegs() {
        var regs = new Reg[16];
        for (var g : Gpr.values()) regs[g.ordinal()] = new Reg(g);
        return regs;
    }

    static Reg reg(Gpr gpr) {
        return REGS[gpr.ordinal()];
    }

    static Const constant(long value) {
        return new Const(value);
    }
}

package flint.compiler.x64;

import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.GprMem;
import flint.compiler.x64.asm.Mem;
import flint.compiler.x64.asm.Size;
import flint.compiler.x64.asm.Xmm;
import flint.compiler.x64.asm.XmmMem;
import flint.wasm.model.NumType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits moves between {@link Location}s: one at a time, and in parallel (all sources read as if at
 * once), which is how a jump conforms to its target block's convention. Moves use only
 * {@code mov}, {@code movss}/{@code movsd}/{@code movaps}, {@code xorps} and loads from the
 * constant pool (never {@code xor} of a GPR), so they leave the condition flags alone. Float values move as bit
 * patterns: nothing here converts, so NaN payloads (signalling ones too) survive.
 *
 * <p>Scratch registers: {@link #SCRATCH} (R11) and {@link #XSCRATCH} (XMM15) break cycles of a
 * parallel move, {@link #TEMP} (R10) carries memory-to-memory moves and wide constants,
 * {@link #XTEMP} (XMM14) is the float operators' temporary. None is ever allocated.
 */
public final class Moves {
    /** Breaks parallel-move cycles; also the address scratch of bounds checks. */
    public static final Gpr SCRATCH = Gpr.R11;
    /** Memory-to-memory moves and 64-bit constants that do not fit an immediate. */
    public static final Gpr TEMP = Gpr.R10;
    /** Breaks parallel-move cycles of float registers; a temporary of conversions. */
    public static final Xmm XSCRATCH = Xmm.XMM15;
    /** A float temporary of instruction selection (copysign, unsigned conversions). */
    public static final Xmm XTEMP = Xmm.XMM14;

    /** One move of a parallel move. */
    public record Move(Location dst, Location src, NumType type) {}

    private final Assembler asm;

    public Moves(Assembler asm) {
        this.asm = asm;
    }

    /** The operand size of a value of {@code type}: 32 bits for i32/f32, 64 for i64/f64. */
    static Size size(NumType type) {
        return type.byteSize() == 8 ? Size.S64 : Size.S32;
    }

    static boolean isDouble(NumType type) {
        return type == NumType.F64;
    }

    /** Moves {@code src} into {@code dst} (a register or a slot). */
    public void move(Location dst, Location src, NumType type) {
        if (dst.equals(src)) return;
        switch (dst) {
            case Location.Reg(Gpr d) -> load(d, src, type);
            case Location.XReg(Xmm d) -> loadFloat(d, src, type);
            case Location.Slot s -> store(Frame.mem(s), src, type);
            default -> throw new IllegalArgumentException("cannot move into " + dst);
        }
    }

    /**
     * Loads {@code src} into register {@code dst}; i32 values are zero-extended to 64 bits. A float
     * source gives its bits ({@code movd}/{@code movq}).
     */
    public void load(Gpr dst, Location src, NumType type) {
        Size size = size(type);
        switch (src) {
            case Location.Reg(Gpr r) -> {
                if (r != dst) asm.mov(size, dst, r);
            }
            case Location.XReg(Xmm x) -> {
                if (size == Size.S64) asm.movq(dst, x);
                else asm.movd(dst, x);
            }
            case Location.Slot s -> asm.mov(size, dst, Frame.mem(s));
            case Location.Const(long v) -> asm.movImm(size, dst, size == Size.S32 ? v & 0xFFFF_FFFFL : v);
            case Location.Flags f -> throw new IllegalStateException("flags must be materialized before a load");
        }
    }

    /** Loads a float {@code src} into SSE register {@code dst} (bits unchanged). */
    public void loadFloat(Xmm dst, Location src, NumType type) {
        boolean wide = size(type) == Size.S64;
        switch (src) {
            case Location.XReg(Xmm x) -> {
                if (x != dst) asm.movaps(dst, x);
            }
            case Location.Reg(Gpr r) -> {
                if (wide) asm.movq(dst, r);
                else asm.movd(dst, r);
            }
            case Location.Slot s -> {
                if (wide) asm.movsd(dst, Frame.mem(s));
                else asm.movss(dst, Frame.mem(s));
            }
            case Location.Const(long v) -> {
                // +0.0 by the zeroing idiom (SSE logic leaves the flags alone), others from the pool
                if (v == 0) asm.xorps(dst, dst);
                else if (wide) asm.movsd(dst, constant(v, type));
                else asm.movss(dst, constant(v, type));
            }
            case Location.Flags f -> throw new IllegalStateException("flags must be materialized before a load");
        }
    }

    /** The constant-pool operand of a float constant's bits. */
    public Mem constant(long bits, NumType type) {
        return Mem.rip(size(type) == Size.S64 ? asm.constant64(bits) : asm.constant32((int) bits));
    }

    /** {@code loc} as the xmm/m operand of an SSE instruction: a register, a slot, or a pool constant. */
    public XmmMem floatOperand(Location loc, NumType type) {
        return switch (loc) {
            case Location.XReg(Xmm x) -> x;
            case Location.Slot s -> Frame.mem(s);
            case Location.Const(long v) -> constant(v, type);
            default -> throw new IllegalArgumentException("not a float location: " + loc);
        };
    }

    /** Stores a constant to memory, through {@link #TEMP} when a 64-bit value does not fit an imm32. */
    public void storeConst(Mem m, long v, NumType type) {
        if (size(type) == Size.S32) {
            asm.movImm(Size.S32, m, (int) v);
        } else if (v == (int) v) {
            asm.movImm(Size.S64, m, v);
        } else {
            asm.movImm(Size.S64, TEMP, v);
            asm.mov(Size.S64, m, TEMP);
        }
    }

    /** Stores {@code src} (register, slot or constant) into memory {@code m}. */
    public void store(Mem m, Location src, NumType type) {
        Size size = size(type);
        switch (src) {
            case Location.Reg(Gpr r) -> asm.mov(size, m, r);
            case Location.XReg(Xmm x) -> {
                if (size == Size.S64) asm.movsd(m, x);
                else asm.movss(m, x);
            }
            case Location.Slot s -> {
                asm.mov(size, TEMP, Frame.mem(s));
                asm.mov(size, m, TEMP);
            }
            case Location.Const(long v) -> storeConst(m, v, type);
            case Location.Flags f -> throw new IllegalStateException("flags must be materialized before a store");
        }
    }

    /** The operand form of a register or slot location (for instructions taking r/m). */
    static GprMem operand(Location loc) {
        return switch (loc) {
            case Location.Reg(Gpr r) -> r;
            case Location.Slot s -> Frame.mem(s);
            default -> throw new IllegalArgumentException("not a register or slot: " + loc);
        };
    }

    /**
     * Performs {@code moves} as if all sources were read before any destination is written.
     * Destinations must be distinct registers or slots; sources may repeat.
     */
    public void parallel(List<Move> moves) {
        var pending = new ArrayList<Move>(moves.size());
        for (var m : moves) if (!m.dst().equals(m.src())) pending.add(m);
        if (pending.isEmpty()) return;
        Map<Location, Integer> readers = new HashMap<>();
        for (var m : pending) {
            if (isPlace(m.src())) readers.merge(m.src(), 1, Integer::sum);
        }
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (int i = 0; i < pending.size(); ) {
                var m = pending.get(i);
                if (readers.getOrDefault(m.dst(), 0) == 0) {
                    move(m.dst(), m.src(), m.type());
                    if (isPlace(m.src())) readers.merge(m.src(), -1, Integer::sum);
                    pending.set(i, pending.getLast());
                    pending.removeLast();
                    progress = true;
                } else {
                    i++;
                }
            }
            if (!progress) {
                // Every destination left is still to be read: a cycle. Save one destination's old
                // value in a scratch register of its class and let its readers read it from there.
                var first = pending.getFirst();
                Location saved = first.dst();
                Location scratch;
                if (saved instanceof Location.XReg) {
                    loadFloat(XSCRATCH, saved, NumType.F64);
                    scratch = Location.xreg(XSCRATCH);
                } else {
                    // a slot or a GPR: its 64 bits, whatever the type (a slot's bits go back to slots)
                    load(SCRATCH, saved, NumType.I64);
                    scratch = Location.reg(SCRATCH);
                }
                for (int i = 0; i < pending.size(); i++) {
                    var m = pending.get(i);
                    if (m.src().equals(saved)) pending.set(i, new Move(m.dst(), scratch, m.type()));
                }
                readers.put(saved, 0);
            }
        }
    }

    private static boolean isPlace(Location loc) {
        return loc instanceof Location.Reg || loc instanceof Location.XReg || loc instanceof Location.Slot;
    }
}

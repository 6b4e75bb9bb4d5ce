package flint.compiler.x64;

import flint.compiler.microwasm.IntType;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.GprMem;
import flint.compiler.x64.asm.Mem;
import flint.compiler.x64.asm.Size;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits moves between {@link Location}s: one at a time, and in parallel (all sources read as if at
 * once), which is how a jump conforms to its target block's convention. Moves use only
 * {@code mov} (never {@code xor}), so they leave the condition flags alone.
 *
 * <p>Scratch registers: {@link #SCRATCH} (R11) breaks cycles of a parallel move,
 * {@link #TEMP} (R10) carries memory-to-memory moves and wide constants. Neither is ever allocated.
 */
public final class Moves {
    /** Breaks parallel-move cycles; also the address scratch of bounds checks. */
    public static final Gpr SCRATCH = Gpr.R11;
    /** Memory-to-memory moves and 64-bit constants that do not fit an immediate. */
    public static final Gpr TEMP = Gpr.R10;

    /** One move of a parallel move. */
    public record Move(Location dst, Location src, IntType type) {}

    private final Assembler asm;

    public Moves(Assembler asm) {
        this.asm = asm;
    }

    static Size size(IntType type) {
        return type == IntType.I64 ? Size.S64 : Size.S32;
    }

    /** Moves {@code src} into {@code dst} (a register or a slot). */
    public void move(Location dst, Location src, IntType type) {
        if (dst.equals(src)) return;
        Size size = size(type);
        switch (dst) {
            case Location.Reg(Gpr d) -> load(d, src, type);
            case Location.Slot s -> {
                Mem m = Frame.mem(s);
                switch (src) {
                    case Location.Reg(Gpr r) -> asm.mov(size, m, r);
                    case Location.Slot t -> {
                        asm.mov(size, TEMP, Frame.mem(t));
                        asm.mov(size, m, TEMP);
                    }
                    case Location.Const(long v) -> storeConst(m, v, type);
                    case Location.Flags f -> throw new IllegalStateException("flags must be materialized before a move");
                }
            }
            default -> throw new IllegalArgumentException("cannot move into " + dst);
        }
    }

    /** Loads {@code src} into register {@code dst}; i32 values are zero-extended to 64 bits. */
    public void load(Gpr dst, Location src, IntType type) {
        Size size = size(type);
        switch (src) {
            case Location.Reg(Gpr r) -> {
                if (r != dst) asm.mov(size, dst, r);
            }
            case Location.Slot s -> asm.mov(size, dst, Frame.mem(s));
            case Location.Const(long v) -> asm.movImm(size, dst, type == IntType.I32 ? v & 0xFFFF_FFFFL : v);
            case Location.Flags f -> throw new IllegalStateException("flags must be materialized before a load");
        }
    }

    /** Stores a constant to memory, through {@link #TEMP} when a 64-bit value does not fit an imm32. */
    public void storeConst(Mem m, long v, IntType type) {
        if (type == IntType.I32) {
            asm.movImm(Size.S32, m, (int) v);
        } else if (v == (int) v) {
            asm.movImm(Size.S64, m, v);
        } else {
            asm.movImm(Size.S64, TEMP, v);
            asm.mov(Size.S64, m, TEMP);
        }
    }

    /** Stores {@code src} (register, slot or constant) into memory {@code m}. */
    public void store(Mem m, Location src, IntType type) {
        Size size = size(type);
        switch (src) {
            case Location.Reg(Gpr r) -> asm.mov(size, m, r);
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
                // value in the scratch register and let its readers read it from there.
                Location saved = pending.getFirst().dst();
                load(SCRATCH, saved, IntType.I64);
                var scratch = Location.reg(SCRATCH);
                for (int i = 0; i < pending.size(); i++) {
                    var m = pending.get(i);
                    if (m.src().equals(saved)) pending.set(i, new Move(m.dst(), scratch, m.type()));
                }
                readers.put(saved, 0);
            }
        }
    }

    private static boolean isPlace(Location loc) {
        return loc instanceof Location.Reg || loc instanceof Location.Slot;
    }
}

package flint.compiler.x64;

import flint.compiler.microwasm.DropRange;
import flint.compiler.microwasm.IntType;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Size;
import flint.compiler.x64.asm.Xmm;
import flint.wasm.model.NumType;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One-pass register allocation over the {@link ValueStack}: owns the reference counts of
 * registers and frame slots, hands out free registers, and when none is free spills the oldest
 * value (the deepest stack entry in a register of that class) to a frame slot. There are two
 * register classes, general-purpose registers for integers and SSE registers for floats, each
 * allocated and spilled on its own by the same rules (all of both are clobbered by calls). It
 * also evicts the occupants of a register an instruction needs (RAX and RDX for division, RCX for shift counts) and spills
 * everything before calls.
 *
 * <h2>References</h2>
 * Every use of a register or slot is a reference: one per stack entry that is there, plus one
 * <em>hold</em> per operand that the instruction being emitted has popped or allocated. So a
 * popped operand cannot be spilled or overwritten while the instruction uses it, and a location
 * is free only when nothing refers to it. {@link #pop()} turns a stack reference into a hold,
 * {@link #push} turns a hold back into a stack reference, {@link #release} drops a hold.
 *
 * <p>This class decides where values go; it emits only the moves that allocation itself needs
 * (spills, evictions). Instruction selection is {@link InstructionSelector}'s job.
 */
public final class RegisterAllocator {
    /**
     * The registers values may live in: all the call-clobbered ones except the scratch pair R10
     * and R11 ({@link Moves}). R14 (vmctx), R15 (memory base), RBP and RSP are never allocated.
     */
    public static final List<Gpr> ALLOCATABLE = List.of(Gpr.RAX, Gpr.RCX, Gpr.RDX, Gpr.RBX, Gpr.RSI, Gpr.RDI,
            Gpr.R8, Gpr.R9, Gpr.R12, Gpr.R13);

    /**
     * The SSE registers floats may live in: all but the float scratch pair XMM14 and XMM15
     * ({@link Moves#XTEMP}, {@link Moves#XSCRATCH}).
     */
    public static final List<Xmm> ALLOCATABLE_XMM = List.of(Xmm.XMM0, Xmm.XMM1, Xmm.XMM2, Xmm.XMM3, Xmm.XMM4,
            Xmm.XMM5, Xmm.XMM6, Xmm.XMM7, Xmm.XMM8, Xmm.XMM9, Xmm.XMM10, Xmm.XMM11, Xmm.XMM12, Xmm.XMM13);

    private static final boolean[] IS_ALLOCATABLE = new boolean[16];

    static {
        for (var g : ALLOCATABLE) IS_ALLOCATABLE[g.ordinal()] = true;
    }

    /** Reference and hold counts are indexed by register: GPRs at their encoding, XMMs at 16 + theirs. */
    private static final int XMM_BASE = 16;

    private static int index(Xmm x) {
        return XMM_BASE + x.ordinal();
    }

    /** The count index of a register location, or -1 for anything else. */
    private static int index(Location loc) {
        return switch (loc) {
            case Location.Reg(Gpr r) -> r.ordinal();
            case Location.XReg(Xmm x) -> index(x);
            default -> -1;
        };
    }

    private static Location registerAt(int i) {
        return i < XMM_BASE ? Location.reg(Gpr.of(i)) : Location.xreg(Xmm.of(i - XMM_BASE));
    }

    private final ValueStack stack;
    private final Assembler asm;
    private final Frame frame;
    private final int[] refs = new int[32];
    private final int[] holds = new int[32];
    private final Map<Integer, Integer> slotRefs = new HashMap<>();
    private final BitSet usedFrameSlots = new BitSet();

    public RegisterAllocator(ValueStack stack, Assembler asm, Frame frame) {
        this.stack = stack;
        this.asm = asm;
        this.frame = frame;
    }

    public ValueStack stack() {
        return stack;
    }

    public static boolean isAllocatable(Gpr gpr) {
        return IS_ALLOCATABLE[gpr.ordinal()];
    }

    // ---------------------------------------------------------------- state

    /** Forgets everything and takes {@code entries} as the stack (at a block's start). */
    public void reset(List<StackEntry> entries) {
        java.util.Arrays.fill(refs, 0);
        java.util.Arrays.fill(holds, 0);
        slotRefs.clear();
        usedFrameSlots.clear();
        stack.replaceAll(entries);
        for (var e : entries) retain(e.location());
    }

    /** References to {@code gpr} (stack entries and holds). */
    public int refs(Gpr gpr) {
        return refs[gpr.ordinal()];
    }

    /** Holds on {@code gpr} by the instruction being emitted. */
    public int holds(Gpr gpr) {
        return holds[gpr.ordinal()];
    }

    /** References to {@code xmm} (stack entries and holds). */
    public int refs(Xmm xmm) {
        return refs[index(xmm)];
    }

    /** References to the slot at RBP offset {@code offset}. */
    public int slotRefs(int offset) {
        return slotRefs.getOrDefault(offset, 0);
    }

    /** Whether no instruction holds anything: the state between operators. */
    public boolean nothingHeld() {
        for (int h : holds) if (h != 0) return false;
        return true;
    }

    private void retain(Location loc) {
        switch (loc) {
            case Location.Reg(Gpr r) -> refs[r.ordinal()]++;
            case Location.XReg(Xmm x) -> refs[index(x)]++;
            case Location.Slot(int offset) -> {
                slotRefs.merge(offset, 1, Integer::sum);
                int k = Frame.slotIndex(offset);
                if (k >= 0) {
                    usedFrameSlots.set(k);
                    frame.useSlot(k);
                }
            }
            default -> { }
        }
    }

    private void unref(Location loc) {
        switch (loc) {
            case Location.Reg(Gpr r) -> {
                if (--refs[r.ordinal()] < 0) throw new IllegalStateException("negative references to " + r);
            }
            case Location.XReg(Xmm x) -> {
                if (--refs[index(x)] < 0) throw new IllegalStateException("negative references to " + x);
            }
            case Location.Slot(int offset) -> {
                int n = slotRefs.merge(offset, -1, Integer::sum);
                if (n < 0) throw new IllegalStateException("negative references to slot " + offset);
                if (n == 0) {
                    slotRefs.remove(offset);
                    int k = Frame.slotIndex(offset);
                    if (k >= 0) usedFrameSlots.clear(k);
                }
            }
            default -> { }
        }
    }

    // ---------------------------------------------------------------- stack operations

    /** Pushes {@code entry}, taking over the hold the caller has on its location. */
    public void push(StackEntry entry) {
        int i = index(entry.location());
        if (i >= 0) {
            if (--holds[i] < 0) throw new IllegalStateException("push of unheld " + entry.location());
        } else if (entry.location() instanceof Location.Flags && stack.size() > 0
                && stack.peek(0).location() instanceof Location.Flags) {
            throw new IllegalStateException("two entries in the flags");
        }
        stack.push(entry);
    }

    /** Pushes a constant (32-bit types are kept sign-extended). */
    public void pushConst(NumType type, long value) {
        stack.push(new StackEntry(Location.constant(type.byteSize() == 4 ? (int) value : value), type));
    }

    /** Pushes an integer constant. */
    public void pushConst(IntType type, long value) {
        pushConst(type.valType(), value);
    }

    /** Pops the top entry; the caller now holds its location until {@link #release} or {@link #push}. */
    public StackEntry pop() {
        var e = stack.pop();
        int i = index(e.location());
        if (i >= 0) holds[i]++;
        return e;
    }

    /** Drops a hold. */
    public void release(StackEntry entry) {
        int i = index(entry.location());
        if (i >= 0) {
            if (--holds[i] < 0) throw new IllegalStateException("release of unheld " + entry.location());
        }
        unref(entry.location());
    }

    /**
     * Pushes another reference to the entry at {@code depth} ({@code local.get}). A value read
     * from a slot is first loaded into a free register (if there is one: this never spills), and
     * the entry itself then refers to the register, so the next read of the same local costs
     * nothing and a loop entered afterwards keeps it in the register.
     */
    public void pick(int depth) {
        var e = stack.peek(depth);
        if (e.location() instanceof Location.Slot s) {
            Location free = null;
            if (e.isFloat()) {
                var x = freeXmm();
                if (x != null) free = Location.xreg(x);
            } else {
                var g = freeRegisterExcept(null, null);
                if (g != null) free = Location.reg(g);
            }
            if (free != null) {
                new Moves(asm).move(free, s, e.type());
                int index = stack.size() - 1 - depth;
                unref(s);
                e = e.at(free);
                stack.set(index, e);
                retain(free);
            }
        }
        retain(e.location());
        stack.push(e);
    }

    /** Exchanges the top entry and the one at {@code depth}. */
    public void swap(int depth) {
        int top = stack.size() - 1;
        var a = stack.get(top);
        stack.set(top, stack.get(top - depth));
        stack.set(top - depth, a);
    }

    /** Removes the entries of {@code range}. */
    public void drop(DropRange range) {
        for (var e : stack.remove(range)) unref(e.location());
    }

    // ---------------------------------------------------------------- registers

    /** A free register, now held; spills the oldest register value if there is none. */
    public Gpr allocate() {
        for (var g : ALLOCATABLE) {
            if (refs[g.ordinal()] == 0) return take(g);
        }
        spill(Location.reg(victim()));
        for (var g : ALLOCATABLE) {
            if (refs[g.ordinal()] == 0) return take(g);
        }
        throw new IllegalStateException("no register after spilling");
    }

    /** A free SSE register, now held; spills the oldest float register value if there is none. */
    public Xmm allocateXmm() {
        var x = freeXmm();
        if (x == null) {
            spill(victimXmm());
            x = freeXmm();
            if (x == null) throw new IllegalStateException("no SSE register after spilling");
        }
        refs[index(x)] = 1;
        holds[index(x)] = 1;
        return x;
    }

    private Xmm freeXmm() {
        for (var x : ALLOCATABLE_XMM) if (refs[index(x)] == 0) return x;
        return null;
    }

    /** The SSE register of the deepest stack entry whose register no instruction holds. */
    private Location victimXmm() {
        for (int i = 0; i < stack.size(); i++) {
            if (stack.get(i).location() instanceof Location.XReg(Xmm x) && holds[index(x)] == 0) return Location.xreg(x);
        }
        throw new IllegalStateException("out of SSE registers: every one is held by the current instruction");
    }

    /** Drops a hold on an SSE register. */
    public void release(Xmm x) {
        refs[index(x)]--;
        if (--holds[index(x)] < 0 || refs[index(x)] < 0) throw new IllegalStateException("release of unheld " + x);
    }

    /**
     * An SSE register holding float {@code e}'s value that the caller may overwrite: {@code e}'s own
     * register if nothing else refers to it, else a copy. Consumes the hold on {@code e}; the caller
     * holds the result.
     */
    public Xmm exclusiveXmm(StackEntry e) {
        if (e.location() instanceof Location.XReg(Xmm x) && refs[index(x)] == 1) return x;
        var d = allocateXmm();
        new Moves(asm).loadFloat(d, e.location(), e.type());
        release(e);
        return d;
    }

    /** An SSE register holding float {@code e}'s value (maybe shared). Consumes the hold on {@code e}. */
    public Xmm inXmm(StackEntry e) {
        if (e.location() instanceof Location.XReg(Xmm x)) return x;
        var d = allocateXmm();
        new Moves(asm).loadFloat(d, e.location(), e.type());
        release(e);
        return d;
    }

    /** A free register other than {@code avoid}, if one is free right now (never spills). */
    private Gpr freeRegisterExcept(Gpr avoid, Gpr avoid2) {
        for (var g : ALLOCATABLE) {
            if (refs[g.ordinal()] == 0 && g != avoid && g != avoid2) return g;
        }
        return null;
    }

    private Gpr take(Gpr g) {
        refs[g.ordinal()] = 1;
        holds[g.ordinal()] = 1;
        return g;
    }

    /** A hold on the register of a location (for a register shared with another use). */
    public void hold(Gpr g) {
        refs[g.ordinal()]++;
        holds[g.ordinal()]++;
    }

    /** Drops a hold on a register. */
    public void release(Gpr g) {
        refs[g.ordinal()]--;
        if (--holds[g.ordinal()] < 0 || refs[g.ordinal()] < 0) throw new IllegalStateException("release of unheld " + g);
    }

    /** The register of the deepest stack entry whose register no instruction holds. */
    private Gpr victim() {
        for (int i = 0; i < stack.size(); i++) {
            if (stack.get(i).location() instanceof Location.Reg(Gpr r) && holds[r.ordinal()] == 0) return r;
        }
        throw new IllegalStateException("out of registers: every register is held by the current instruction");
    }

    /**
     * Makes {@code g} free of stack entries and holds it, moving its stack occupants to another
     * free register (not {@code alsoAvoid}) or a slot. {@code g} must not be held.
     */
    public Gpr reserve(Gpr g, Gpr alsoAvoid) {
        if (holds[g.ordinal()] != 0) throw new IllegalStateException(g + " is held: cannot reserve it");
        if (refs[g.ordinal()] > 0) evict(g, alsoAvoid);
        return take(g);
    }

    private void evict(Gpr g, Gpr alsoAvoid) {
        var to = freeRegisterExcept(g, alsoAvoid);
        if (to == null) {
            spill(Location.reg(g));
            return;
        }
        asm.mov(Size.S64, to, g);
        var loc = Location.reg(to);
        for (int i = 0; i < stack.size(); i++) {
            var e = stack.get(i);
            if (e.location() instanceof Location.Reg(Gpr r) && r == g) {
                stack.set(i, e.at(loc));
                refs[g.ordinal()]--;
                refs[to.ordinal()]++;
            }
        }
    }

    /** Moves every stack entry in register {@code g} to one new frame slot (holds on {@code g} stay). */
    public void spill(Gpr g) {
        spill(Location.reg(g));
    }

    /** Moves every stack entry in register {@code reg} (GPR or SSE) to one new frame slot (holds stay). */
    private void spill(Location reg) {
        int r = index(reg);
        Location.Slot slot = null;
        for (int i = 0; i < stack.size(); i++) {
            var e = stack.get(i);
            if (e.location().equals(reg)) {
                if (slot == null) {
                    slot = new Location.Slot(newSlot());
                    // the register's full width: every entry sharing it reads its own low bytes
                    new Moves(asm).move(slot, reg, reg instanceof Location.XReg ? NumType.F64 : NumType.I64);
                }
                stack.set(i, e.at(slot));
                refs[r]--;
                retain(slot);
            }
        }
    }

    /** Spills every register value of the stack (before a call, which clobbers them all). */
    public void spillAll() {
        for (int i = 0; i < stack.size(); i++) {
            var loc = stack.get(i).location();
            if (index(loc) >= 0) spill(loc);
        }
    }

    /** A frame slot nothing refers to; the caller must make something refer to it. */
    private int newSlot() {
        int k = usedFrameSlots.nextClearBit(0);
        frame.useSlot(k);
        return Frame.slotOffset(k);
    }

    /** Whether the frame slot at {@code offset} is free. */
    public boolean isSlotFree(int offset) {
        return slotRefs(offset) == 0;
    }

    // ---------------------------------------------------------------- operands

    /**
     * A register holding {@code e}'s value that the caller may overwrite: {@code e}'s own register
     * if nothing else refers to it, else a copy. Consumes the hold on {@code e}; the caller holds
     * the result.
     */
    public Gpr exclusive(StackEntry e) {
        if (e.location() instanceof Location.Reg(Gpr r) && refs[r.ordinal()] == 1) return r;
        var d = allocate();
        load(d, e);
        release(e);
        return d;
    }

    /**
     * A register holding {@code e}'s value (maybe shared: do not modify it). Consumes the hold on
     * {@code e}; the caller holds the result.
     */
    public Gpr inRegister(StackEntry e) {
        if (e.location() instanceof Location.Reg(Gpr r)) return r;
        var d = allocate();
        load(d, e);
        release(e);
        return d;
    }

    private void load(Gpr d, StackEntry e) {
        new Moves(asm).load(d, e.location(), e.type());
    }

    /** Turns a top-of-stack comparison still in the flags into a 0/1 value in a register. */
    public void materializeFlags() {
        if (stack.size() == 0 || !(stack.peek(0).location() instanceof Location.Flags(var cond))) return;
        stack.pop();
        var r = allocate();
        asm.setcc(cond, r);
        asm.movzx(Size.S32, r, Size.S8, r);
        push(new StackEntry(Location.reg(r), NumType.I32));
    }

    /** Checks the reference counts against the stack (for tests and assertions). */
    public void verify() {
        int[] expect = new int[32];
        Map<Integer, Integer> slots = new HashMap<>();
        for (int i = 0; i < stack.size(); i++) {
            var loc = stack.get(i).location();
            if (index(loc) >= 0) expect[index(loc)]++;
            else if (loc instanceof Location.Slot(int o)) slots.merge(o, 1, Integer::sum);
        }
        for (int g = 0; g < 32; g++) {
            if (expect[g] + holds[g] != refs[g]) {
                throw new IllegalStateException(registerAt(g) + ": " + refs[g] + " references, " + expect[g] + " on the stack + "
                        + holds[g] + " held; stack " + stack);
            }
        }
        for (var e : slots.entrySet()) {
            if (slotRefs(e.getKey()) < e.getValue()) {
                throw new IllegalStateException("slot " + e.getKey() + ": " + slotRefs(e.getKey()) + " references, "
                        + e.getValue() + " on the stack");
            }
            int k = Frame.slotIndex(e.getKey());
            if (k >= 0 && !usedFrameSlots.get(k)) throw new IllegalStateException("slot " + e.getKey() + " in use but free");
        }
    }
}

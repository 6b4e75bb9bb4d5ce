package flint.compiler.x64;

import flint.compiler.Abi;
import flint.compiler.AbiSequences;
import flint.compiler.WasmTrap;
import flint.compiler.driver.Edge;
import flint.compiler.microwasm.Label;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Mem;
import flint.compiler.x64.asm.Size;
import flint.wasm.model.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jumps between blocks: conforming the value stack to a target's convention (a parallel move),
 * fused compare-and-branch, jump tables, returns, and choosing the convention of a block that
 * several jumps reach.
 *
 * <p>A jump's final {@code jmp} is deferred: if the very next thing is the definition of its
 * target (the usual {@code br L; L:}), no jump is emitted at all.
 */
public final class ControlFlow {
    private final Assembler asm;
    private final RegisterAllocator ra;
    private final Moves moves;
    private final TrapStubs traps;
    private final List<ValType> results;
    private final Map<Label, flint.compiler.x64.asm.Label> labels = new HashMap<>();
    private flint.compiler.x64.asm.Label epilogue;
    private flint.compiler.x64.asm.Label pendingJump;
    /** The condition or index {@link #takeOperand} popped, still held. */
    private StackEntry operand;

    public ControlFlow(Assembler asm, RegisterAllocator ra, Moves moves, TrapStubs traps, List<ValType> results) {
        this.asm = asm;
        this.ra = ra;
        this.moves = moves;
        this.traps = traps;
        this.results = results;
    }

    /** The code label of block {@code label}. */
    public flint.compiler.x64.asm.Label label(Label label) {
        return labels.computeIfAbsent(label, l -> asm.newLabel());
    }

    // ---------------------------------------------------------------- conventions

    public BlockState handOver(flint.compiler.microwasm.DropRange drop) {
        return new BlockState(ra.stack().after(drop));
    }

    /**
     * A convention fitted to the stack after {@code drop}: every value stays where it is if it
     * is alone in a register or slot; a constant, or a second reference to a shared location, goes
     * to a free register if there is one, else to a free frame slot. A loop header also brings
     * values from slots into registers, keeping a few registers free for the loop body. The flags
     * never cross a jump.
     */
    public BlockState newConvention(flint.compiler.microwasm.DropRange drop, boolean loopHeader) {
        var entries = ra.stack().after(drop);
        var chosen = new ArrayList<StackEntry>(entries.size());
        var used = new Registers();
        var usedSlots = new java.util.HashSet<Integer>();
        for (var e : entries) {
            StackEntry pick = null;
            switch (e.location()) {
                case Location.Reg r -> {
                    if (used.take(r)) pick = e;
                }
                case Location.XReg x -> {
                    if (used.take(x)) pick = e;
                }
                case Location.Slot(int offset) -> {
                    if (usedSlots.add(offset)) pick = e;
                }
                default -> { }
            }
            chosen.add(pick);
        }
        if (loopHeader) {
            // A loop runs its header's convention many times: bring values from slots into free
            // registers (leaving a few for the body's own work), the locals first.
            for (int i = 0; i < chosen.size(); i++) {
                var e = chosen.get(i);
                if (e == null || !(e.location() instanceof Location.Slot s)) continue;
                var reg = used.takeFree(e.isFloat(), true);
                if (reg == null) continue;
                usedSlots.remove(s.offset());
                chosen.set(i, e.at(reg));
            }
        }
        int nextSlot = 0;
        for (int i = 0; i < chosen.size(); i++) {
            if (chosen.get(i) != null) continue;
            var e = entries.get(i);
            Location loc = used.takeFree(e.isFloat(), loopHeader);
            if (loc == null) {
                int offset;
                do {
                    offset = Frame.slotOffset(nextSlot++);
                } while (usedSlots.contains(offset) || !ra.isSlotFree(offset));
                usedSlots.add(offset);
                loc = new Location.Slot(offset);
            }
            chosen.set(i, e.at(loc));
        }
        return new BlockState(chosen);
    }

    /** The most registers of a class a loop header's convention takes, so that its body has some to work with. */
    static final int LOOP_REGISTERS = RegisterAllocator.ALLOCATABLE.size() - 3;
    static final int LOOP_XMM_REGISTERS = RegisterAllocator.ALLOCATABLE_XMM.size() - 3;

    /** The registers of both classes a convention being chosen uses. */
    private static final class Registers {
        private final boolean[] gprs = new boolean[16];
        private final boolean[] xmms = new boolean[16];
        private int gprCount;
        private int xmmCount;

        /** Claims the register of {@code r}; false if an earlier entry has it. */
        boolean take(Location.Reg r) {
            if (gprs[r.gpr().ordinal()]) return false;
            gprs[r.gpr().ordinal()] = true;
            gprCount++;
            return true;
        }

        boolean take(Location.XReg x) {
            if (xmms[x.xmm().ordinal()]) return false;
            xmms[x.xmm().ordinal()] = true;
            xmmCount++;
            return true;
        }

        /** A free register of the class, claimed, or null (also when a loop header has taken its share). */
        Location takeFree(boolean isFloat, boolean loopHeader) {
            if (isFloat) {
                if (loopHeader && xmmCount >= LOOP_XMM_REGISTERS) return null;
                for (var x : RegisterAllocator.ALLOCATABLE_XMM) {
                    if (!xmms[x.ordinal()]) {
                        var loc = Location.xreg(x);
                        take(loc);
                        return loc;
                    }
                }
                return null;
            }
            if (loopHeader && gprCount >= LOOP_REGISTERS) return null;
            for (var g : RegisterAllocator.ALLOCATABLE) {
                if (!gprs[g.ordinal()]) {
                    var loc = Location.reg(g);
                    take(loc);
                    return loc;
                }
            }
            return null;
        }
    }

    /** The moves that take the stack after {@code edge}'s drop into its target's convention. */
    private List<Moves.Move> movesFor(Edge<BlockState> edge) {
        var from = ra.stack().after(edge.drop());
        var out = new ArrayList<Moves.Move>();
        if (edge.isReturn()) {
            if (from.size() != results.size()) throw new IllegalStateException("return with " + from.size() + " values");
            for (int j = 0; j < from.size(); j++) {
                var src = from.get(j);
                var dst = new Location.Slot(Abi.incomingSlot(j));
                if (!src.location().equals(dst)) out.add(new Moves.Move(dst, src.location(), src.type()));
            }
            return out;
        }
        var to = edge.convention().entries();
        if (from.size() != to.size()) {
            throw new IllegalStateException("jump to " + edge.target() + " with " + from.size() + " values, its convention has "
                    + to.size());
        }
        for (int i = 0; i < from.size(); i++) {
            var src = from.get(i);
            var dst = to.get(i);
            if (src.location() instanceof Location.Flags) throw new IllegalStateException("flags across a jump");
            if (!src.location().equals(dst.location())) out.add(new Moves.Move(dst.location(), src.location(), dst.type()));
        }
        return out;
    }

    // ---------------------------------------------------------------- jumps

    /**
     * Emits a deferred jump unless {@code next} is the definition of its target (for listings,
     * which must see where the next operator's code starts).
     */
    public void prepareFor(flint.compiler.microwasm.MicroOp next) {
        if (pendingJump == null) return;
        if (next instanceof flint.compiler.microwasm.MicroOp.DefineLabel d && labels.get(d.label()) == pendingJump) return;
        flush();
    }

    /** Emits a deferred jump now (before anything but the target's definition). */
    private void flush() {
        if (pendingJump != null) {
            asm.jmp(pendingJump);
            pendingJump = null;
        }
    }

    private void bind(flint.compiler.x64.asm.Label label) {
        if (pendingJump != null && pendingJump != label) flush();
        pendingJump = null;
        asm.bind(label);
    }

    /** Moves into the target's convention and leaves (the final jmp deferred). */
    private void transfer(Edge<BlockState> edge, List<Moves.Move> moves) {
        this.moves.parallel(moves);
        if (edge.isReturn()) {
            AbiSequences.epilogue(asm);
        } else {
            flush();
            pendingJump = label((Label) edge.target());
        }
    }

    /** Where a jump with no moves can go directly. */
    private flint.compiler.x64.asm.Label direct(Edge<BlockState> edge) {
        if (edge.isReturn()) {
            if (epilogue == null) epilogue = asm.newLabel();
            return epilogue;
        }
        return label((Label) edge.target());
    }

    public void jump(Edge<BlockState> edge) {
        ra.materializeFlags();
        transfer(edge, movesFor(edge));
    }

    /** Pops the condition or index of the jump; a comparison stays in the flags. */
    public void takeOperand() {
        operand = ra.pop();
    }

    private StackEntry takenOperand() {
        var op = operand;
        if (op == null) throw new IllegalStateException("no operand taken");
        operand = null;
        ra.release(op);
        return op;
    }

    public void branchIf(Edge<BlockState> ifTrue, Edge<BlockState> ifFalse) {
        var c = takenOperand();
        if (c.location() instanceof Location.Const(long v)) {
            jump((int) v != 0 ? ifTrue : ifFalse);
            return;
        }
        Cond cond = Conditions.truth(asm, c.location());
        var trueMoves = movesFor(ifTrue);
        var falseMoves = movesFor(ifFalse);
        boolean thenComesNext = ifTrue.target() instanceof Label l && l.role() == Label.Role.THEN;
        if (trueMoves.isEmpty() && !(falseMoves.isEmpty() && thenComesNext)) {
            asm.jcc(cond, direct(ifTrue));
            transfer(ifFalse, falseMoves);
        } else if (falseMoves.isEmpty()) {
            asm.jcc(cond.negate(), direct(ifFalse));
            transfer(ifTrue, trueMoves);
        } else {
            var otherWay = asm.newLabel();
            asm.jcc(cond.negate(), otherWay);
            transfer(ifTrue, trueMoves);
            bind(otherWay);
            transfer(ifFalse, falseMoves);
        }
    }

    public void branchTable(List<Edge<BlockState>> targets, Edge<BlockState> defaultTarget) {
        var index = takenOperand();
        if (index.location() instanceof Location.Const(long v)) {
            int i = (int) v;
            jump(Integer.compareUnsigned(i, targets.size()) < 0 ? targets.get(i) : defaultTarget);
            return;
        }
        if (targets.isEmpty()) {
            jump(defaultTarget);
            return;
        }
        // Each distinct target with moves to make gets a stub; the others are reached directly.
        var stubs = new LinkedHashMap<flint.compiler.microwasm.Target, flint.compiler.x64.asm.Label>();
        var stubEdges = new LinkedHashMap<flint.compiler.microwasm.Target, Edge<BlockState>>();
        var stubMoves = new HashMap<flint.compiler.microwasm.Target, List<Moves.Move>>();
        var entry = new ArrayList<flint.compiler.x64.asm.Label>(targets.size() + 1);
        var all = new ArrayList<>(targets);
        all.add(defaultTarget);
        for (var edge : all) {
            var t = edge.target();
            if (!stubs.containsKey(t) && !stubMoves.containsKey(t)) {
                var m = movesFor(edge);
                stubMoves.put(t, m);
                if (!m.isEmpty()) {
                    stubs.put(t, asm.newLabel());
                    stubEdges.put(t, edge);
                }
            }
            entry.add(stubs.containsKey(t) ? stubs.get(t) : direct(edge));
        }
        Gpr scratch = Moves.SCRATCH;
        if (index.location() instanceof Location.Flags(Cond c)) {
            asm.setcc(c, scratch);
            asm.movzx(Size.S32, scratch, Size.S8, scratch);
        } else {
            moves.load(scratch, index.location(), flint.wasm.model.NumType.I32);
        }
        asm.cmp(Size.S32, scratch, targets.size());
        asm.jcc(Cond.AE, entry.getLast());
        var table = asm.newLabel();
        asm.lea(Size.S64, Moves.TEMP, Mem.rip(table));
        asm.movsxd(scratch, Mem.of(Moves.TEMP, scratch, 4, 0));
        asm.alu(flint.compiler.x64.asm.AluOp.ADD, Size.S64, Moves.TEMP, scratch);
        asm.jmp(Moves.TEMP);
        asm.align(4);
        asm.bind(table);
        for (int i = 0; i < targets.size(); i++) asm.emitLabelDelta32(entry.get(i), table);
        for (var e : stubs.entrySet()) {
            bind(e.getValue());
            transfer(stubEdges.get(e.getKey()), stubMoves.get(e.getKey()));
        }
    }

    public void unreachable() {
        traps.jump(WasmTrap.UNREACHABLE);
    }

    /** Starts block {@code label} with the stack in {@code convention}. */
    public void enterBlock(Label label, BlockState convention, boolean loopHeader) {
        bind(label(label));
        ra.reset(convention.entries());
        if (loopHeader) {
            asm.mov(Size.S64, Moves.SCRATCH, Mem.of(Abi.VMCTX, Abi.VMCTX_EXEC_CONTEXT));
            asm.cmp(Size.S32, Mem.of(Moves.SCRATCH, Abi.EXEC_INTERRUPT), 0);
            traps.branch(Cond.NE, WasmTrap.INTERRUPTED);
        }
    }

    /** Emits what is still deferred and the shared epilogue. */
    public void finish() {
        flush();
        if (epilogue != null) {
            asm.bind(epilogue);
            AbiSequences.epilogue(asm);
        }
    }
}

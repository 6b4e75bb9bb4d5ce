package flint.compiler.x64;

import flint.compiler.Abi;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Mem;
import flint.compiler.x64.asm.Size;
import flint.wasm.model.FuncType;
import flint.wasm.model.NumType;

/**
 * The caller's side of a Wasm call ({@link Abi}: arguments and results in the 16-byte slots of the
 * call area at {@code [rsp]}), shared by {@code call} and {@code call_indirect}: what differs
 * between them is only how the callee is reached.
 */
final class CallSequence {
    private final Assembler asm;
    private final RegisterAllocator ra;
    private final Moves moves;
    private final Frame frame;

    CallSequence(Assembler asm, RegisterAllocator ra, Moves moves, Frame frame) {
        this.asm = asm;
        this.ra = ra;
        this.moves = moves;
        this.frame = frame;
    }

    /**
     * Writes the top {@code params} entries of the stack into the outgoing slots and pops them.
     * May use {@link Moves#TEMP} (slot to slot); the caller spills the rest of the stack after.
     */
    void storeArguments(FuncType type) {
        int params = type.params().size();
        frame.useCallSlots(Abi.callSlots(type));
        for (int i = 0; i < params; i++) {
            var arg = ra.stack().peek(params - 1 - i);
            moves.store(Mem.of(Gpr.RSP, Abi.outgoingSlot(i)), arg.location(), arg.type());
        }
        for (int i = 0; i < params; i++) ra.release(ra.pop());
    }

    /** Loads the results from the outgoing slots into fresh registers and pushes them, first result deepest. */
    void pushResults(FuncType type) {
        for (int j = 0; j < type.results().size(); j++) {
            var t = StackEntry.machineType(type.results().get(j));
            var slot = Mem.of(Gpr.RSP, Abi.outgoingSlot(j));
            if (t.isInteger()) {
                var dst = ra.allocate();
                asm.mov(Moves.size(t), dst, slot);
                ra.push(new StackEntry(Location.reg(dst), t));
            } else {
                var dst = ra.allocateXmm();
                if (t == NumType.F64) asm.movsd(dst, slot);
                else asm.movss(dst, slot);
                ra.push(new StackEntry(Location.xreg(dst), t));
            }
        }
    }

    /** Restores the caller's vmctx and memory base after a call that may have switched instances. */
    void restoreInstance(boolean hasMemory) {
        asm.mov(Size.S64, Abi.VMCTX, Mem.of(Gpr.RBP, Abi.FRAME_VMCTX));
        if (hasMemory) asm.mov(Size.S64, Abi.MEMORY_BASE, Mem.of(Abi.VMCTX, Abi.MEMORY0_BASE));
    }
}

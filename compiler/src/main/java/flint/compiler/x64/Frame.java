package flint.compiler.x64;

import flint.compiler.Abi;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Mem;

/**
 * The layout of one function's fixed frame (see {@link flint.compiler.AbiSequences}):
 * <pre>
 * [rbp + 16 + 16*i]     incoming slot i: parameter i on entry (its home), result i on return
 * [rbp - 8]             vmctx
 * [rbp - 16 - 8*k]      frame slot k: spilled values and block-convention homes
 * [rsp + 16*i]          outgoing call area
 * </pre>
 * RSP never moves in the body. The size is known only at the end of the function, when the
 * prologue's immediate is patched.
 */
public final class Frame {
    private int slots;
    private int callSlots;

    /** The RBP offset of frame slot {@code k}. */
    public static int slotOffset(int k) {
        return Abi.FRAME_VMCTX - 8 - 8 * k;
    }

    /** The frame slot index of RBP offset {@code offset}, or -1 if it is not a frame slot (an incoming one). */
    public static int slotIndex(int offset) {
        return offset <= slotOffset(0) ? (slotOffset(0) - offset) / 8 : -1;
    }

    /** The RBP offset of incoming slot {@code i}. */
    public static int incomingOffset(int i) {
        return Abi.incomingSlot(i);
    }

    public static Mem mem(Location.Slot slot) {
        return Mem.of(Gpr.RBP, slot.offset());
    }

    /** Records that frame slot {@code k} is used. */
    void useSlot(int k) {
        if (k >= slots) slots = k + 1;
    }

    /** Records a call that needs {@code n} outgoing slots. */
    void useCallSlots(int n) {
        if (n > callSlots) callSlots = n;
    }

    public int slotCount() {
        return slots;
    }

    /** The bytes below the saved RBP: vmctx word, frame slots, call area; a multiple of 16. */
    public int size() {
        int locals = (8 + 8 * slots + 15) & -16;
        return Math.max(Abi.MIN_FRAME_SIZE, locals + callSlots * Abi.SLOT_SIZE);
    }
}

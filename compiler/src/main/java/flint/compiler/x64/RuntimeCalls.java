package flint.compiler.x64;

import flint.compiler.Abi;
import flint.compiler.RuntimeHelper;
import flint.compiler.WasmTrap;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Size;
import flint.wasm.model.NumType;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls of {@link RuntimeHelper}s from a function body: System V calls whose first argument is the
 * vmctx, then constant arguments (table, memory or segment indices), then operands popped from the
 * value stack. A helper clobbers every caller-saved register, so the whole stack is spilled first
 * (as for a Wasm call); R14 and R15 survive it.
 */
final class RuntimeCalls {
    /** The System V integer argument registers, in order. */
    private static final List<Gpr> ARGUMENTS = List.of(Gpr.RDI, Gpr.RSI, Gpr.RDX, Gpr.RCX, Gpr.R8, Gpr.R9);

    /** What a helper returns and what the caller does with it. */
    enum Result {
        /** Nothing. */
        NONE,
        /** A status in EAX: 0, or the code of the trap to raise. */
        STATUS,
        /** An i32 in EAX, pushed on the value stack. */
        I32
    }

    private final Assembler asm;
    private final RegisterAllocator ra;
    private final Moves moves;
    private final TrapStubs traps;

    RuntimeCalls(Assembler asm, RegisterAllocator ra, Moves moves, TrapStubs traps) {
        this.asm = asm;
        this.ra = ra;
        this.moves = moves;
        this.traps = traps;
    }

    /**
     * Calls {@code helper} with {@code (vmctx, constants..., operands...)}, where the operands are
     * the top {@code operands.length} stack entries (deepest first) of the given machine types;
     * i32 operands arrive zero-extended, as the helpers' u64 parameters want them.
     *
     * @param likelyTrap the trap a nonzero status most likely means, for the trap-site report
     */
    void call(RuntimeHelper helper, int[] constants, NumType[] operands, Result result, WasmTrap likelyTrap) {
        int n = operands.length;
        if (1 + constants.length + n > ARGUMENTS.size()) throw new IllegalArgumentException("too many arguments for " + helper);
        var entries = new StackEntry[n];
        for (int i = n - 1; i >= 0; i--) entries[i] = ra.pop();
        ra.spillAll();
        // The popped operands are held, so they are still where they were: move them all at once.
        var argumentMoves = new ArrayList<Moves.Move>(n);
        for (int i = 0; i < n; i++) {
            var to = Location.reg(ARGUMENTS.get(1 + constants.length + i));
            argumentMoves.add(new Moves.Move(to, entries[i].location(), operands[i]));
        }
        moves.parallel(argumentMoves);
        for (var e : entries) ra.release(e);
        asm.mov(Size.S64, Gpr.RDI, Abi.VMCTX);
        for (int i = 0; i < constants.length; i++) asm.movImm(Size.S32, ARGUMENTS.get(1 + i), constants[i]);
        asm.call(helper.target());
        switch (result) {
            case NONE -> { }
            case STATUS -> traps.branchOnStatus(Gpr.RAX, likelyTrap);
            case I32 -> {
                ra.reserve(Gpr.RAX, null);
                asm.mov(Size.S32, Gpr.RAX, Gpr.RAX); // the i64 result's low half, zero-extended as i32 values are kept
                ra.push(new StackEntry(Location.reg(Gpr.RAX), NumType.I32));
            }
        }
    }
}

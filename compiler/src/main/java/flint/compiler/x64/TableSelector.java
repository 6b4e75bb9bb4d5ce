package flint.compiler.x64;

import flint.compiler.Abi;
import flint.compiler.RuntimeHelper;
import flint.compiler.VmctxLayout;
import flint.compiler.WasmTrap;
import flint.compiler.microwasm.IntType;
import flint.compiler.microwasm.MicroOp;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Mem;
import flint.compiler.x64.asm.Scale;
import flint.compiler.x64.asm.Size;
import flint.wasm.model.NumType;

/**
 * Reference values and tables: {@code ref.null}, {@code ref.is_null}, {@code ref.func},
 * {@code call_indirect}, and the table operators.
 *
 * <p>A reference is a 64-bit integer ({@link StackEntry#machineType}): a {@code funcref} is the
 * address of a function record in some vmctx ({@link Abi#FUNC_ENTRY_SIZE}), an {@code externref} a
 * store handle, null is 0. A table is reached through the pointer in its vmctx slot to its
 * definition {@code {base, length}}; both fields are loaded afresh at every access, because any
 * call or {@code table.grow} may move the element array, and the definition may be shared with
 * other instances.
 *
 * <p>{@code table.get}, {@code table.set}, {@code table.size} and {@code call_indirect} are inline;
 * the operators that may allocate or touch many elements ({@code table.grow}, {@code fill},
 * {@code copy}, {@code init}, {@code elem.drop}) call the runtime's helpers.
 */
final class TableSelector {
    private static final NumType[] THREE_I32 = {NumType.I32, NumType.I32, NumType.I32};

    private final Assembler asm;
    private final RegisterAllocator ra;
    private final Moves moves;
    private final TrapStubs traps;
    private final CallSequence calls;
    private final RuntimeCalls helpers;
    private final VmctxLayout layout;
    private final boolean hasMemory;

    TableSelector(Assembler asm, RegisterAllocator ra, Moves moves, TrapStubs traps, CallSequence calls,
            RuntimeCalls helpers, VmctxLayout layout, boolean hasMemory) {
        this.asm = asm;
        this.ra = ra;
        this.moves = moves;
        this.traps = traps;
        this.calls = calls;
        this.helpers = helpers;
        this.layout = layout;
        this.hasMemory = hasMemory;
    }

    // ---------------------------------------------------------------- references

    void refNull() {
        ra.pushConst(NumType.I64, 0);
    }

    void refIsNull() {
        var e = ra.pop();
        switch (e.location()) {
            case Location.Const(long v) -> {
                ra.pushConst(IntType.I32, v == 0 ? 1 : 0);
                return;
            }
            case Location.Reg(Gpr r) -> asm.test(Size.S64, r, r);
            case Location.Slot s -> asm.cmp(Size.S64, Frame.mem(s), 0);
            default -> throw new IllegalStateException("a reference in " + e.location());
        }
        ra.release(e);
        ra.push(new StackEntry(new Location.Flags(Cond.E), NumType.I32));
    }

    /** The address of the function's record in this instance's vmctx. */
    void refFunc(int function) {
        var dst = ra.allocate();
        asm.lea(Size.S64, dst, Mem.of(Abi.VMCTX, layout.function(function)));
        ra.push(new StackEntry(Location.reg(dst), NumType.I64));
    }

    // ---------------------------------------------------------------- inline table access

    /**
     * Loads the popped i32 {@code index} into {@link Moves#SCRATCH} (zero-extended) and table
     * {@code table}'s definition into {@link Moves#TEMP}, and branches to {@code trap} unless the
     * index is below the length. Emits only instructions that leave the allocator alone, so the
     * caller must have allocated whatever it needs first.
     */
    private void checkIndex(StackEntry index, int table, WasmTrap trap) {
        moves.load(Moves.SCRATCH, index.location(), NumType.I32);
        asm.mov(Size.S64, Moves.TEMP, Mem.of(Abi.VMCTX, layout.table(table)));
        asm.cmp(Size.S64, Moves.SCRATCH, Mem.of(Moves.TEMP, Abi.TABLE_LENGTH_FIELD));
        traps.branch(Cond.AE, trap);
    }

    /** The element at index {@link Moves#SCRATCH} of the table whose definition is in {@link Moves#TEMP}. */
    private Mem element() {
        asm.mov(Size.S64, Moves.TEMP, Mem.of(Moves.TEMP, Abi.TABLE_BASE_FIELD));
        return Mem.of(Moves.TEMP, Moves.SCRATCH, Scale.EIGHT, 0);
    }

    void get(int table) {
        var index = ra.pop();
        var dst = ra.allocate();
        checkIndex(index, table, WasmTrap.OUT_OF_BOUNDS_TABLE);
        asm.mov(Size.S64, dst, element());
        ra.release(index);
        ra.push(new StackEntry(Location.reg(dst), NumType.I64));
    }

    void set(int table) {
        var value = ra.pop();
        var index = ra.pop();
        // in a register before the scratch registers are taken: a store from a slot would need TEMP
        var v = ra.inRegister(value);
        checkIndex(index, table, WasmTrap.OUT_OF_BOUNDS_TABLE);
        asm.mov(Size.S64, element(), v);
        ra.release(v);
        ra.release(index);
    }

    void size(int table) {
        var dst = ra.allocate();
        asm.mov(Size.S64, dst, Mem.of(Abi.VMCTX, layout.table(table)));
        asm.mov(Size.S32, dst, Mem.of(dst, Abi.TABLE_LENGTH_FIELD)); // 32-bit tables: the length fits in an i32
        ra.push(new StackEntry(Location.reg(dst), NumType.I32));
    }

    // ---------------------------------------------------------------- call_indirect

    /**
     * Bounds check ("undefined element"), null check ("uninitialized element"), signature check
     * against the canonical id of the expected type ("indirect call type mismatch"), then the call
     * through the function record exactly as through an imported function's record. The record
     * stays in {@link Moves#TEMP} from the load to the call: nothing in between allocates.
     */
    void callIndirect(MicroOp.CallIndirect c) {
        var type = c.type();
        var index = ra.pop();
        calls.storeArguments(type);
        ra.spillAll();
        checkIndex(index, c.table(), WasmTrap.UNDEFINED_ELEMENT);
        ra.release(index);
        var record = Moves.TEMP;
        asm.mov(Size.S64, record, element());
        asm.test(Size.S64, record, record);
        traps.branch(Cond.E, WasmTrap.UNINITIALIZED_ELEMENT);
        asm.mov(Size.S32, Moves.SCRATCH, Mem.of(Abi.VMCTX, layout.typeId(c.typeIndex())));
        asm.cmp(Size.S32, Mem.of(record, Abi.FUNC_ENTRY_TYPE_ID), Moves.SCRATCH);
        traps.branch(Cond.NE, WasmTrap.INDIRECT_CALL_TYPE_MISMATCH);
        asm.mov(Size.S64, Gpr.RAX, Mem.of(record, Abi.FUNC_ENTRY_CODE));
        asm.mov(Size.S64, Abi.VMCTX, Mem.of(record, Abi.FUNC_ENTRY_VMCTX));
        asm.call(Gpr.RAX);
        calls.restoreInstance(hasMemory);
        calls.pushResults(type);
    }

    // ---------------------------------------------------------------- through the runtime

    /** {@code [ref init, i32 delta] -> [i32 old length or -1]}. */
    void grow(int table) {
        helpers.call(RuntimeHelper.TABLE_GROW, new int[] {table}, new NumType[] {NumType.I64, NumType.I32},
                RuntimeCalls.Result.I32, WasmTrap.OUT_OF_BOUNDS_TABLE);
    }

    /** {@code [i32 start, ref value, i32 count] -> []}. */
    void fill(int table) {
        helpers.call(RuntimeHelper.TABLE_FILL, new int[] {table}, new NumType[] {NumType.I32, NumType.I64, NumType.I32},
                RuntimeCalls.Result.STATUS, WasmTrap.OUT_OF_BOUNDS_TABLE);
    }

    /** {@code [i32 dst, i32 src, i32 count] -> []}. */
    void copy(int dstTable, int srcTable) {
        helpers.call(RuntimeHelper.TABLE_COPY, new int[] {dstTable, srcTable}, THREE_I32, RuntimeCalls.Result.STATUS,
                WasmTrap.OUT_OF_BOUNDS_TABLE);
    }

    /** {@code [i32 dst, i32 src, i32 count] -> []}. */
    void init(int table, int segment) {
        helpers.call(RuntimeHelper.TABLE_INIT, new int[] {table, segment}, THREE_I32, RuntimeCalls.Result.STATUS,
                WasmTrap.OUT_OF_BOUNDS_TABLE);
    }

    void elemDrop(int segment) {
        helpers.call(RuntimeHelper.ELEM_DROP, new int[] {segment}, new NumType[0], RuntimeCalls.Result.NONE,
                WasmTrap.OUT_OF_BOUNDS_TABLE);
    }
}

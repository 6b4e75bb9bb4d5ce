package flint.wasm.model;

/** The shape of an instruction's immediates, which decides its {@link Instruction} record. */
public enum Immediate {
    /** No immediates: {@link Instruction.Plain}. */
    NONE,
    /** A block type: {@link Instruction.Block}. */
    BLOCK,
    /** {@link Instruction.TryTable}. */
    TRY_TABLE,
    /** {@link Instruction.BrTable}. */
    BR_TABLE,
    /** One index ({@link Instruction.Indexed}) of a label, function, local, global, table, memory, type, data, element or tag. */
    LABEL, FUNC, LOCAL, GLOBAL, TABLE, MEMORY, TYPE, DATA, ELEM, TAG,
    /** A lane index: {@link Instruction.Indexed}. */
    LANE,
    /** Two indices ({@link Instruction.TwoIndex}): call_indirect's type and table, table.init's element and table, ... */
    TYPE_TABLE, ELEM_TABLE, TABLE_TABLE, DATA_MEMORY, MEMORY_MEMORY,
    /** {@link Instruction.Memory}. */
    MEMARG,
    /** {@link Instruction.MemoryLane}. */
    MEMARG_LANE,
    /** Constants: {@link Instruction.I32Const} and its siblings. */
    I32, I64, F32, F64, V128,
    /** {@link Instruction.Shuffle}. */
    SHUFFLE,
    /** {@link Instruction.SelectTyped}. */
    SELECT_T,
    /** {@link Instruction.RefNull}. */
    HEAP_TYPE
}

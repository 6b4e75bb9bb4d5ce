package flint.compiler;

import flint.compiler.x64.asm.Relocation;
import java.util.Optional;

/**
 * The helpers the runtime provides to generated code, reached through {@link Relocation}s whose
 * target is {@link #target()}: a {@code call rel32} (the runtime routes it through a veneer inside
 * the module's code, so the displacement always fits) or a {@code movabs} of the helper's absolute
 * address (ABS64).
 *
 * <p>Except for {@link #TRAP}, helpers are System V functions: RSP 16-byte aligned at the
 * {@code call}, arguments in RDI, RSI, RDX, RCX, R8, R9, the result in RAX; they preserve RBX,
 * RBP and R12–R15 (so also the vmctx and memory-base registers) and clobber RAX, RCX, RDX, RSI,
 * RDI, R8–R11 and every XMM register. The first argument is always the caller's vmctx (R14).
 *
 * <p>The ids are part of the ABI: never renumber one.
 */
public enum RuntimeHelper {
    /**
     * The trap stub: {@code jmp} or {@code call} it (the return address is discarded) with RDI = a
     * vmctx of the store and ESI = a {@link WasmTrap#code()}. It never returns.
     */
    TRAP(0),
    /**
     * {@code int64 memory_grow(vmctx, u32 memory, u64 deltaPages)}: Wasm's {@code memory.grow} on
     * memory {@code memory} of the caller's index space. Returns the old size in pages, or -1 if
     * the memory cannot grow that much. The delta is unsigned: zero-extend an i32 operand. The
     * memory's base does not move; its length in every vmctx record is current when it returns.
     */
    MEMORY_GROW(1),
    /**
     * {@code int64 table_grow(vmctx, u32 table, u64 initBits, u64 delta)}: Wasm's {@code table.grow};
     * the old size in elements, or -1. The table's element array may move: reload its base.
     */
    TABLE_GROW(2),
    /**
     * The bulk operations below return a status: 0, or the {@link WasmTrap#code()} to trap with
     * (pass it to the trap stub in ESI). Lengths and offsets are unsigned (zero-extend i32 operands);
     * bounds are checked before anything is written, as the spec says.
     *
     * <p>{@code int32 table_fill(vmctx, u32 table, u64 start, u64 bits, u64 count)}.
     */
    TABLE_FILL(3),
    /** {@code int32 table_copy(vmctx, u32 dstTable, u32 srcTable, u64 dst, u64 src, u64 count)}. */
    TABLE_COPY(4),
    /** {@code int32 table_init(vmctx, u32 table, u32 segment, u64 dst, u64 src, u64 count)}. */
    TABLE_INIT(5),
    /** {@code void elem_drop(vmctx, u32 segment)}. */
    ELEM_DROP(6),
    /** {@code int32 memory_copy(vmctx, u32 dstMemory, u32 srcMemory, u64 dst, u64 src, u64 count)}: overlap allowed. */
    MEMORY_COPY(7),
    /** {@code int32 memory_fill(vmctx, u32 memory, u64 dst, u32 byte, u64 count)}. */
    MEMORY_FILL(8),
    /** {@code int32 memory_init(vmctx, u32 memory, u32 segment, u64 dst, u64 src, u64 count)}. */
    MEMORY_INIT(9),
    /** {@code void data_drop(vmctx, u32 segment)}. */
    DATA_DROP(10);

    private static final RuntimeHelper[] VALUES = values();

    static {
        for (int i = 0; i < VALUES.length; i++) {
            if (VALUES[i].id != i) {
                throw new AssertionError("helper ids must be dense and in declaration order");
            }
        }
    }

    private final int id;

    RuntimeHelper(int id) {
        this.id = id;
    }

    /** The id in {@link Relocation.RuntimeHelper} records. */
    public int id() {
        return id;
    }

    /** The relocation target that refers to this helper. */
    public Relocation.RuntimeHelper target() {
        return new Relocation.RuntimeHelper(id);
    }

    public static Optional<RuntimeHelper> of(int id) {
        return id >= 0 && id < VALUES.length ? Optional.of(VALUES[id]) : Optional.empty();
    }
}

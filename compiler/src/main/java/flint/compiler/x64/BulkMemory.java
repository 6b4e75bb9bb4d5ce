package flint.compiler.x64;

import flint.compiler.RuntimeHelper;
import flint.compiler.WasmTrap;
import flint.wasm.model.NumType;

/**
 * The bulk memory operators ({@code memory.copy}, {@code memory.fill}, {@code memory.init},
 * {@code data.drop}) as calls of the runtime's helpers, which check the whole range before writing
 * anything as the spec requires. Inline {@code rep movsb}/{@code rep stosb} would save the call for
 * small lengths; the helpers are the simple, correct first version.
 */
final class BulkMemory {
    private static final NumType[] THREE_I32 = {NumType.I32, NumType.I32, NumType.I32};

    private final RuntimeCalls helpers;

    BulkMemory(RuntimeCalls helpers) {
        this.helpers = helpers;
    }

    /** {@code [i32 dst, i32 src, i32 count] -> []}. */
    void copy(int dstMemory, int srcMemory) {
        helpers.call(RuntimeHelper.MEMORY_COPY, new int[] {dstMemory, srcMemory}, THREE_I32,
                RuntimeCalls.Result.STATUS, WasmTrap.OUT_OF_BOUNDS_MEMORY);
    }

    /** {@code [i32 dst, i32 value, i32 count] -> []}: the helper takes the low byte of the value. */
    void fill(int memory) {
        helpers.call(RuntimeHelper.MEMORY_FILL, new int[] {memory}, THREE_I32, RuntimeCalls.Result.STATUS,
                WasmTrap.OUT_OF_BOUNDS_MEMORY);
    }

    /** {@code [i32 dst, i32 src, i32 count] -> []}. */
    void init(int memory, int segment) {
        helpers.call(RuntimeHelper.MEMORY_INIT, new int[] {memory, segment}, THREE_I32, RuntimeCalls.Result.STATUS,
                WasmTrap.OUT_OF_BOUNDS_MEMORY);
    }

    void dataDrop(int segment) {
        helpers.call(RuntimeHelper.DATA_DROP, new int[] {segment}, new NumType[0], RuntimeCalls.Result.NONE,
                WasmTrap.OUT_OF_BOUNDS_MEMORY);
    }
}

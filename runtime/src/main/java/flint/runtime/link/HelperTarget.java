package flint.runtime.link;

import flint.runtime.memory.LinearMemory;

/** What the runtime helpers need of the instance whose vmctx they receive. */
public interface HelperTarget {
    /** Memory {@code index} of the instance's memory index space. */
    LinearMemory memory(int index);

    /** {@code table.grow} on table {@code table}: the old size, or -1. */
    long tableGrow(int table, long initBits, long delta);

    /** The bulk operations: 0, or the code of the trap they raise (then nothing was written). */
    int tableFill(int table, long start, long bits, long count);

    int tableCopy(int dstTable, int srcTable, long dst, long src, long count);

    int tableInit(int table, int segment, long dst, long src, long count);

    void elemDrop(int segment);

    int memoryCopy(int dstMemory, int srcMemory, long dst, long src, long count);

    int memoryFill(int memory, long dst, int value, long count);

    int memoryInit(int memory, int segment, long dst, long src, long count);

    void dataDrop(int segment);
}

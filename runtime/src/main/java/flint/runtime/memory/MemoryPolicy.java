package flint.runtime.memory;

/**
 * Host limits for linear memories: how large the embedder lets them grow and how much address
 * space to reserve beyond their end.
 *
 * @param maxBytes32 the most a 32-bit memory may hold; at most 4 GiB (65536 pages, the spec's own
 *     limit). A module's declared maximum can only lower it.
 * @param maxBytes64 the most a memory64 memory may hold. Its reservation is this (or the module's
 *     smaller maximum) plus {@code guardBytes}, so it is also an address-space budget.
 * @param guardBytes inaccessible address space reserved after the largest size a memory can reach.
 *     Generated code checks every access explicitly (the JVM's signal handler cannot turn a fault
 *     into a trap), so the guard is not a bounds check; it is a safety net that turns a compiler bug
 *     into a clean crash of the worker instead of a write into the JVM's own memory.
 */
public record MemoryPolicy(long maxBytes32, long maxBytes64, long guardBytes) {

    public static final long GIB = 1L << 30;

    /** 4 GiB for either kind of memory, with a 2 GiB guard (Wasmtime's default guard size). */
    public static final MemoryPolicy DEFAULT = new MemoryPolicy(4 * GIB, 4 * GIB, 2 * GIB);

    public MemoryPolicy {
        if (maxBytes32 < 0 || maxBytes32 > 4 * GIB) {
            throw new IllegalArgumentException("maxBytes32 must be within [0, 4 GiB]: " + maxBytes32);
        }
        // 2^47 bytes is the whole user half of an x86-64 address space with 4-level paging
        if (maxBytes64 < 0 || maxBytes64 > (1L << 47)) {
            throw new IllegalArgumentException("maxBytes64 must be within [0, 128 TiB]: " + maxBytes64);
        }
        if (guardBytes < 0 || guardBytes > 64 * GIB) {
            throw new IllegalArgumentException("guardBytes must be within [0, 64 GiB]: " + guardBytes);
        }
    }

    public MemoryPolicy withMaxBytes64(long bytes) {
        return new MemoryPolicy(maxBytes32, bytes, guardBytes);
    }

    public MemoryPolicy withMaxBytes32(long bytes) {
        return new MemoryPolicy(bytes, maxBytes64, guardBytes);
    }

    public MemoryPolicy withGuardBytes(long bytes) {
        return new MemoryPolicy(maxBytes32, maxBytes64, bytes);
    }
}

package flint.wasm.model;

import java.util.OptionalLong;

/**
 * Size limits of a memory (in pages) or table (in elements). {@code address64} marks a 64-bit
 * memory or table (memory64 / table64); {@code shared} a shared memory (threads, decoded only).
 */
public record Limits(long min, OptionalLong max, boolean address64, boolean shared) {
    public static Limits of(long min) { return new Limits(min, OptionalLong.empty(), false, false); }

    public static Limits of(long min, long max) { return new Limits(min, OptionalLong.of(max), false, false); }

    public boolean hasMax() { return max.isPresent(); }

    /** The address (and index) type: i64 for 64-bit memories and tables. */
    public NumType addressType() { return address64 ? NumType.I64 : NumType.I32; }
}

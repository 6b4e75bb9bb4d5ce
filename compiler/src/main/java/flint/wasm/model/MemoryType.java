package flint.wasm.model;

/** A memory's type; limits are in 64 KiB pages. */
public record MemoryType(Limits limits) {
    public static final long PAGE_SIZE = 65536;
}

package flint.wasm.model;

/** A run of {@code count} locals of one type, as the code section declares them. */
public record LocalGroup(long count, ValType type) {}

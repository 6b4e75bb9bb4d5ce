package flint.wasm.model;

/** An exception tag's type: a function type by index whose results must be empty. */
public record TagType(int typeIndex) {}

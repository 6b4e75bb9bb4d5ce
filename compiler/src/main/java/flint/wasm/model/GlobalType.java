package flint.wasm.model;

public record GlobalType(ValType type, boolean mutable) {}

package flint.wasm.model;

public record TableType(RefType elementType, Limits limits) {}

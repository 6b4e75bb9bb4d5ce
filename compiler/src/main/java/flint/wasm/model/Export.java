package flint.wasm.model;

public record Export(String name, ExternKind kind, int index) {}

package flint.wasm.model;

public record Global(GlobalType type, ConstExpr init) {}

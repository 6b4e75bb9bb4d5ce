package flint.wasm.model;

import java.util.List;

/** A constant expression (global initializers, segment offsets, element items), without its final {@code end}. */
public record ConstExpr(List<Instruction> instructions) {
    public ConstExpr { instructions = List.copyOf(instructions); }

    public static ConstExpr of(Instruction... instructions) { return new ConstExpr(List.of(instructions)); }

    public static ConstExpr i32(int v) { return of(Instruction.i32(v)); }

    public static ConstExpr refFunc(int f) { return of(Instruction.indexed(Opcode.REF_FUNC, f)); }
}

package flint.harness.shrink;

import flint.wasm.model.Instruction;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;

/** The simplest constants of a type, which the shrinker puts in place of computed values and odd literals. */
final class Constants {
    private Constants() {}

    /** A constant instruction of {@code type} with value 0 (a null reference), or null for a non-nullable reference. */
    static Instruction zero(ValType type) {
        return switch (type) {
            case NumType n -> switch (n) {
                case I32 -> new Instruction.I32Const(0);
                case I64 -> new Instruction.I64Const(0);
                case F32 -> new Instruction.F32Const(0);
                case F64 -> new Instruction.F64Const(0);
            };
            case VecType v -> new Instruction.V128Const(0, 0);
            case RefType r -> r.nullable() ? new Instruction.RefNull(r.heap()) : null;
        };
    }

    /** The constant 1 of the same type as {@code constant}, or null if there is none (v128 and references). */
    static Instruction one(Instruction constant) {
        return switch (constant) {
            case Instruction.I32Const c -> new Instruction.I32Const(1);
            case Instruction.I64Const c -> new Instruction.I64Const(1);
            case Instruction.F32Const c -> new Instruction.F32Const(Float.floatToRawIntBits(1f));
            case Instruction.F64Const c -> new Instruction.F64Const(Double.doubleToRawLongBits(1d));
            default -> null;
        };
    }

    /** The constant -1 (all bits set) of the same type as the integer constant {@code constant}, or null for other types. */
    static Instruction minusOne(Instruction constant) {
        return switch (constant) {
            case Instruction.I32Const c -> new Instruction.I32Const(-1);
            case Instruction.I64Const c -> new Instruction.I64Const(-1);
            default -> null;
        };
    }

    /** Whether {@code insn} is a numeric or vector constant. */
    static boolean isConstant(Instruction insn) {
        return switch (insn) {
            case Instruction.I32Const c -> true;
            case Instruction.I64Const c -> true;
            case Instruction.F32Const c -> true;
            case Instruction.F64Const c -> true;
            case Instruction.V128Const c -> true;
            case Instruction.RefNull c -> true;
            default -> false;
        };
    }

    /** The zero constant of the same type as the constant {@code constant}. */
    static Instruction zeroLike(Instruction constant) {
        return switch (constant) {
            case Instruction.I32Const c -> new Instruction.I32Const(0);
            case Instruction.I64Const c -> new Instruction.I64Const(0);
            case Instruction.F32Const c -> new Instruction.F32Const(0);
            case Instruction.F64Const c -> new Instruction.F64Const(0);
            case Instruction.V128Const c -> new Instruction.V128Const(0, 0);
            default -> null;
        };
    }
}

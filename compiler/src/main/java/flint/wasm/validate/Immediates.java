package flint.wasm.validate;

import flint.wasm.model.Instruction;
import flint.wasm.model.MemArg;

/**
 * Reads an instruction's immediates. The {@link flint.wasm.model.Immediate} shape of the opcode
 * decides the record; a record that does not fit its opcode is a bug in whoever built it (not an
 * invalid module), so it is reported as an {@link IllegalArgumentException}.
 */
final class Immediates {
    private Immediates() {}

    static int index(Instruction insn) {
        if (insn instanceof Instruction.Indexed i) return i.index();
        throw shape(insn);
    }

    static Instruction.TwoIndex twoIndex(Instruction insn) {
        if (insn instanceof Instruction.TwoIndex t) return t;
        throw shape(insn);
    }

    static MemArg memArg(Instruction insn) {
        return switch (insn) {
            case Instruction.Memory m -> m.memArg();
            case Instruction.MemoryLane m -> m.memArg();
            default -> throw shape(insn);
        };
    }

    static Instruction.Block block(Instruction insn) { return as(Instruction.Block.class, insn); }

    static <T extends Instruction> T as(Class<T> shape, Instruction insn) {
        if (shape.isInstance(insn)) return shape.cast(insn);
        throw shape(insn);
    }

    static IllegalArgumentException shape(Instruction insn) {
        return new IllegalArgumentException("instruction record " + insn.getClass().getSimpleName()
                + " does not fit opcode " + insn.opcode() + " (immediates " + insn.opcode().immediate() + ")");
    }
}

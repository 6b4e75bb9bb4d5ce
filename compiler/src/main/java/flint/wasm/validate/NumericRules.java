package flint.wasm.validate;

import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;

/**
 * Instructions with a fixed signature ({@link Opcode#signature()}): numeric and vector
 * operators, constants, loads and stores, memory.size and memory.grow. Only their immediates
 * need a look first: lane indices, and memory arguments, which also decide whether the
 * signature's address letter means i32 or i64.
 */
final class NumericRules {
    private final TypingState s;
    private final MemoryRules memory;

    NumericRules(TypingState s, MemoryRules memory) {
        this.s = s;
        this.memory = memory;
    }

    void apply(Opcode op, Instruction insn) {
        if (!Signatures.has(op)) throw new AssertionError("no typing rule for " + op);
        boolean address64 = switch (op.immediate()) {
            case MEMARG, MEMARG_LANE, MEMORY -> memory.checkImmediates(op, insn);
            case LANE -> {
                s.checkLane(Immediates.index(insn), op.laneCount());
                yield false;
            }
            case SHUFFLE -> {
                if (!(insn instanceof Instruction.Shuffle shuffle)) throw Immediates.shape(insn);
                for (int i = 0; i < 16; i++) if (shuffle.lane(i) >= 32) throw s.error("invalid lane index");
                yield false;
            }
            default -> false;
        };
        s.popAll(Signatures.params(op, address64));
        s.pushAll(Signatures.results(op, address64));
    }
}

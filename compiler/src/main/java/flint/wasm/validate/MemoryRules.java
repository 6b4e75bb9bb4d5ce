package flint.wasm.validate;

import flint.wasm.binary.MalformedModuleException;
import flint.wasm.model.Immediate;
import flint.wasm.model.Instruction;
import flint.wasm.model.MemoryType;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;

/** Memory immediates (memory index, alignment, offset, lane) and the bulk memory instructions. */
final class MemoryRules {
    private static final long MAX_OFFSET_32 = 0xFFFF_FFFFL;

    private final TypingState s;
    private final ModuleContext ctx;

    MemoryRules(TypingState s) {
        this.s = s;
        this.ctx = s.ctx;
    }

    /**
     * Checks the immediates of a load, store, lane access, memory.size or memory.grow, and returns
     * whether the memory is 64-bit (so the signature's address letter means i64).
     */
    boolean checkImmediates(Opcode op, Instruction insn) {
        if (op.immediate() == Immediate.MEMORY) return memory(Immediates.index(insn)).limits().address64();
        var arg = Immediates.memArg(insn);
        var mt = memory(arg.memory());
        boolean address64 = mt.limits().address64();
        // alignLog2 is compared as an exponent: 1 << alignLog2 would overflow for hostile encodings.
        if (arg.alignLog2() < 0 || arg.alignLog2() > op.naturalAlignment()) {
            throw s.error("alignment must not be larger than natural");
        }
        if (!address64 && Long.compareUnsigned(arg.offset(), MAX_OFFSET_32) > 0) throw s.error("offset out of range");
        if (insn instanceof Instruction.MemoryLane ml) s.checkLane(ml.lane(), op.laneCount());
        return address64;
    }

    void applyBulk(Opcode op, Instruction insn) {
        // The binary format needs the data count section to validate data indices in one pass.
        if ((op == Opcode.MEMORY_INIT || op == Opcode.DATA_DROP) && ctx.module().dataCount().isEmpty()) {
            throw s.malformed(MalformedModuleException.DATA_COUNT_REQUIRED, "(for " + op.mnemonic() + ")");
        }
        switch (op) {
            case MEMORY_INIT -> {
                // Binary order: data index, then memory index. The memory is checked first, as the reference does.
                var ti = Immediates.twoIndex(insn);
                var mt = memory(ti.second());
                checkData(ti.first());
                s.pop(NumType.I32);
                s.pop(NumType.I32);
                s.pop(mt.limits().addressType());
            }
            case MEMORY_COPY -> {
                var ti = Immediates.twoIndex(insn);
                var dst = memory(ti.first()).limits();
                var src = memory(ti.second()).limits();
                // The length must fit both memories: i64 only if both are 64-bit.
                s.pop(dst.address64() && src.address64() ? NumType.I64 : NumType.I32);
                s.pop(src.addressType());
                s.pop(dst.addressType());
            }
            case MEMORY_FILL -> {
                var at = memory(Immediates.index(insn)).limits().addressType();
                s.pop(at);
                s.pop(NumType.I32);
                s.pop(at);
            }
            case DATA_DROP -> checkData(Immediates.index(insn));
            default -> throw new AssertionError(op);
        }
    }

    void checkData(int x) {
        if (!ModuleContext.inRange(x, ctx.dataCount())) throw s.error(Messages.unknown("data segment", x));
    }

    private MemoryType memory(int x) {
        if (!ModuleContext.inRange(x, ctx.memoryCount())) throw s.error(Messages.unknown("memory", x));
        return ctx.memory(x);
    }
}

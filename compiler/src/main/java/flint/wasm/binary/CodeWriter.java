package flint.wasm.binary;

import flint.wasm.model.ConstExpr;
import flint.wasm.model.Instruction;
import flint.wasm.model.MemArg;
import flint.wasm.model.Opcode;
import java.util.List;

/**
 * Encodes instructions; the inverse of {@link CodeReader}. Used by the WAT parser, by
 * {@link ModuleBuilder} and by generators and shrinkers that produce code.
 *
 * <p>An instruction whose record does not match its opcode's immediate shape, or whose
 * immediates cannot be encoded (a lane index above 255, an alignment exponent above 63), is a
 * programming error: {@link IllegalArgumentException}.
 */
public final class CodeWriter {
    private CodeWriter() {}

    /** Encodes a sequence exactly as given: for a function body the caller includes the final {@code end}. */
    public static byte[] encode(List<Instruction> instructions) {
        var out = new ByteWriter(instructions.size() * 2 + 16);
        for (var insn : instructions) write(insn, out);
        return out.toByteArray();
    }

    /** Encodes a constant expression followed by its {@code end}. */
    public static void writeConstExpr(ConstExpr expr, ByteWriter out) {
        for (var insn : expr.instructions()) write(insn, out);
        out.u8(Opcode.END.code());
    }

    /** Encodes one instruction. */
    public static void write(Instruction insn, ByteWriter out) {
        var op = insn.opcode();
        opcode(op, out);
        switch (op.immediate()) {
            case NONE -> expect(insn instanceof Instruction.Plain, insn);
            case BLOCK -> TypeEncoder.blockType(as(Instruction.Block.class, insn).type(), out);
            case TRY_TABLE -> {
                var t = as(Instruction.TryTable.class, insn);
                TypeEncoder.blockType(t.type(), out);
                out.u32(t.catches().size());
                for (var c : t.catches()) {
                    out.u8(c.kind().ordinal()); // catch, catch_ref, catch_all, catch_all_ref: 0..3
                    if (c.kind().hasTag()) out.u32(c.tag());
                    out.u32(c.label());
                }
            }
            case BR_TABLE -> {
                var t = as(Instruction.BrTable.class, insn);
                out.u32(t.labels().size());
                for (int label : t.labels()) out.u32(label);
                out.u32(t.defaultLabel());
            }
            case LABEL, FUNC, LOCAL, GLOBAL, TABLE, MEMORY, TYPE, DATA, ELEM, TAG ->
                    out.u32(as(Instruction.Indexed.class, insn).index());
            case LANE -> lane(as(Instruction.Indexed.class, insn).index(), insn, out);
            case TYPE_TABLE, ELEM_TABLE, TABLE_TABLE, DATA_MEMORY, MEMORY_MEMORY -> {
                var t = as(Instruction.TwoIndex.class, insn);
                out.u32(t.first());
                out.u32(t.second());
            }
            case MEMARG -> memArg(as(Instruction.Memory.class, insn).memArg(), insn, out);
            case MEMARG_LANE -> {
                var m = as(Instruction.MemoryLane.class, insn);
                memArg(m.memArg(), insn, out);
                lane(m.lane(), insn, out);
            }
            case I32 -> out.s32(as(Instruction.I32Const.class, insn).value());
            case I64 -> out.s64(as(Instruction.I64Const.class, insn).value());
            case F32 -> out.word32(as(Instruction.F32Const.class, insn).bits());
            case F64 -> out.word64(as(Instruction.F64Const.class, insn).bits());
            case V128 -> {
                var v = as(Instruction.V128Const.class, insn);
                out.word64(v.low());
                out.word64(v.high());
            }
            case SHUFFLE -> {
                var s = as(Instruction.Shuffle.class, insn);
                for (int i = 0; i < 16; i++) out.u8(s.lane(i));
            }
            case SELECT_T -> TypeEncoder.valTypes(as(Instruction.SelectTyped.class, insn).types(), out);
            case HEAP_TYPE -> TypeEncoder.heapType(as(Instruction.RefNull.class, insn).type(), out);
        }
    }

    static void opcode(Opcode op, ByteWriter out) {
        if (op.prefix() != 0) {
            out.u8(op.prefix());
            out.u32(op.code());
        } else {
            out.u8(op.code());
        }
    }

    /** The alignment exponent, with bit 6 set when an explicit memory index follows (only for memories other than 0). */
    private static void memArg(MemArg m, Instruction insn, ByteWriter out) {
        if (m.alignLog2() < 0 || m.alignLog2() >= 64) throw new IllegalArgumentException("alignment exponent out of range in " + insn);
        if (m.memory() != 0) {
            out.u32(m.alignLog2() | 0x40);
            out.u32(m.memory());
        } else {
            out.u32(m.alignLog2());
        }
        out.u64(m.offset());
    }

    private static void lane(int lane, Instruction insn, ByteWriter out) {
        if (lane < 0 || lane > 255) throw new IllegalArgumentException("lane index does not fit a byte in " + insn);
        out.u8(lane);
    }

    private static <T extends Instruction> T as(Class<T> shape, Instruction insn) {
        if (!shape.isInstance(insn)) throw mismatch(insn);
        return shape.cast(insn);
    }

    private static void expect(boolean ok, Instruction insn) {
        if (!ok) throw mismatch(insn);
    }

    private static IllegalArgumentException mismatch(Instruction insn) {
        return new IllegalArgumentException(insn.getClass().getSimpleName() + " does not carry the immediates of "
                + insn.opcode().mnemonic() + " (" + insn.opcode().immediate() + "): " + insn);
    }
}

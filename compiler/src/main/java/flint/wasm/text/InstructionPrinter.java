package flint.wasm.text;

import flint.wasm.model.BlockType;
import flint.wasm.model.Instruction;
import flint.wasm.model.MemArg;
import flint.wasm.model.ValType;

/**
 * One instruction in the text format's flat syntax, e.g. {@code i32.load offset=8 align=1} or
 * {@code call_indirect 0 (type 3)}. Indices are numeric. Floats print in the shortest decimal
 * form that reads back to the same bits (NaNs with their payload), so the output re-parses to
 * the same instruction.
 */
public final class InstructionPrinter {
    private InstructionPrinter() {}

    public static String print(Instruction instruction) {
        var sb = new StringBuilder();
        append(sb, instruction);
        return sb.toString();
    }

    public static void append(StringBuilder sb, Instruction instruction) {
        var op = instruction.opcode();
        sb.append(op.mnemonic());
        switch (instruction) {
            case Instruction.Plain p -> { }
            case Instruction.Block b -> blockType(sb, b.type());
            case Instruction.TryTable t -> {
                blockType(sb, t.type());
                for (var c : t.catches()) {
                    sb.append(" (").append(c.kind().text());
                    if (c.kind().hasTag()) sb.append(' ').append(Integer.toUnsignedString(c.tag()));
                    sb.append(' ').append(Integer.toUnsignedString(c.label())).append(')');
                }
            }
            case Instruction.BrTable t -> {
                for (int l : t.labels()) sb.append(' ').append(Integer.toUnsignedString(l));
                sb.append(' ').append(Integer.toUnsignedString(t.defaultLabel()));
            }
            case Instruction.Indexed i -> sb.append(' ').append(Integer.toUnsignedString(i.index()));
            case Instruction.TwoIndex t -> {
                switch (op.immediate()) {
                    // Text order differs from binary order for these two: table/memory first.
                    case TYPE_TABLE -> sb.append(' ').append(Integer.toUnsignedString(t.second()))
                            .append(" (type ").append(Integer.toUnsignedString(t.first())).append(')');
                    case ELEM_TABLE, DATA_MEMORY -> sb.append(' ').append(Integer.toUnsignedString(t.second()))
                            .append(' ').append(Integer.toUnsignedString(t.first()));
                    default -> sb.append(' ').append(Integer.toUnsignedString(t.first()))
                            .append(' ').append(Integer.toUnsignedString(t.second()));
                }
            }
            case Instruction.Memory m -> memArg(sb, m.memArg(), op.naturalAlignment());
            case Instruction.MemoryLane m -> {
                memArg(sb, m.memArg(), op.naturalAlignment());
                sb.append(' ').append(m.lane());
            }
            case Instruction.I32Const c -> sb.append(' ').append(c.value());
            case Instruction.I64Const c -> sb.append(' ').append(c.value());
            case Instruction.F32Const c -> sb.append(' ').append(f32(c.bits()));
            case Instruction.F64Const c -> sb.append(' ').append(f64(c.bits()));
            case Instruction.V128Const v -> sb.append(' ').append(v128(v.low(), v.high()));
            case Instruction.Shuffle s -> {
                for (int i = 0; i < 16; i++) sb.append(' ').append(s.lane(i));
            }
            case Instruction.SelectTyped s -> {
                sb.append(" (result");
                for (ValType t : s.types()) sb.append(' ').append(t.text());
                sb.append(')');
            }
            case Instruction.RefNull r -> sb.append(' ').append(r.type().text());
        }
    }

    static void blockType(StringBuilder sb, BlockType type) {
        switch (type) {
            case BlockType.Empty e -> { }
            case BlockType.Value v -> sb.append(" (result ").append(v.type().text()).append(')');
            case BlockType.TypeIndex t -> sb.append(" (type ").append(Integer.toUnsignedString(t.index())).append(')');
        }
    }

    private static void memArg(StringBuilder sb, MemArg m, int natural) {
        if (m.memory() != 0) sb.append(' ').append(Integer.toUnsignedString(m.memory()));
        if (m.offset() != 0) sb.append(" offset=").append(Long.toUnsignedString(m.offset()));
        if (m.alignLog2() != natural) sb.append(" align=").append(Long.toUnsignedString(1L << m.alignLog2()));
    }

    /** An f32 literal that reads back to exactly these bits. */
    public static String f32(int bits) {
        float f = Float.intBitsToFloat(bits);
        String sign = bits < 0 ? "-" : "";
        if (Float.isNaN(f)) return sign + "nan:0x" + Integer.toHexString(bits & 0x7FFFFF);
        if (Float.isInfinite(f)) return sign + "inf";
        return Float.toString(f);
    }

    /** An f64 literal that reads back to exactly these bits. */
    public static String f64(long bits) {
        double d = Double.longBitsToDouble(bits);
        String sign = bits < 0 ? "-" : "";
        if (Double.isNaN(d)) return sign + "nan:0x" + Long.toHexString(bits & 0xFFFFFFFFFFFFFL);
        if (Double.isInfinite(d)) return sign + "inf";
        return Double.toString(d);
    }

    /** {@code i32x4} lanes in hex. */
    public static String v128(long low, long high) {
        return String.format("i32x4 0x%08x 0x%08x 0x%08x 0x%08x",
                (int) low, (int) (low >>> 32), (int) high, (int) (high >>> 32));
    }
}

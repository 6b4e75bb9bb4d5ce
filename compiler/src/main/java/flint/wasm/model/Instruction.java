package flint.wasm.model;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One instruction with its immediates. Each record matches one {@link Immediate} shape; the
 * {@link Opcode} says which instruction it is. Structured instructions ({@code block}, {@code if}, ...)
 * appear flat, closed by an {@code end} ({@link Opcode#END}) exactly as in the binary format.
 */
public sealed interface Instruction {

    Opcode opcode();

    /** An instruction without immediates. */
    record Plain(Opcode opcode) implements Instruction {
        @Override public String toString() { return opcode.mnemonic(); }
    }

    /** block, loop and if. */
    record Block(Opcode opcode, BlockType type) implements Instruction {}

    record TryTable(BlockType type, List<Catch> catches) implements Instruction {
        public TryTable { catches = List.copyOf(catches); }
        @Override public Opcode opcode() { return Opcode.TRY_TABLE; }
    }

    record BrTable(List<Integer> labels, int defaultLabel) implements Instruction {
        public BrTable { labels = List.copyOf(labels); }
        @Override public Opcode opcode() { return Opcode.BR_TABLE; }
    }

    /** An instruction with one index immediate (label, function, local, global, table, memory, type, data, element, tag or lane). */
    record Indexed(Opcode opcode, int index) implements Instruction {}

    /** An instruction with two index immediates, in binary order (call_indirect: type then table). */
    record TwoIndex(Opcode opcode, int first, int second) implements Instruction {}

    record Memory(Opcode opcode, MemArg memArg) implements Instruction {}

    record MemoryLane(Opcode opcode, MemArg memArg, int lane) implements Instruction {}

    record I32Const(int value) implements Instruction {
        @Override public Opcode opcode() { return Opcode.I32_CONST; }
    }

    record I64Const(long value) implements Instruction {
        @Override public Opcode opcode() { return Opcode.I64_CONST; }
    }

    /** Raw bits, so NaN payloads are kept. */
    record F32Const(int bits) implements Instruction {
        @Override public Opcode opcode() { return Opcode.F32_CONST; }
    }

    /** Raw bits, so NaN payloads are kept. */
    record F64Const(long bits) implements Instruction {
        @Override public Opcode opcode() { return Opcode.F64_CONST; }
    }

    /** A v128 constant; {@code low} holds bytes 0..7 little-endian. */
    record V128Const(long low, long high) implements Instruction {
        @Override public Opcode opcode() { return Opcode.V128_CONST; }
    }

    /** i8x16.shuffle with its 16 lane indices. */
    record Shuffle(byte[] lanes) implements Instruction {
        public Shuffle {
            if (lanes.length != 16) throw new IllegalArgumentException("shuffle needs 16 lanes");
            lanes = lanes.clone();
        }
        @Override public byte[] lanes() { return lanes.clone(); }
        public int lane(int i) { return lanes[i] & 0xFF; }
        @Override public Opcode opcode() { return Opcode.I8X16_SHUFFLE; }
        @Override public boolean equals(Object o) { return o instanceof Shuffle s && Arrays.equals(lanes, s.lanes); }
        @Override public int hashCode() { return Arrays.hashCode(lanes); }
        @Override public String toString() { return "Shuffle[" + HexFormat.of().formatHex(lanes) + "]"; }
    }

    /** select with explicit result types. */
    record SelectTyped(List<ValType> types) implements Instruction {
        public SelectTyped { types = List.copyOf(types); }
        @Override public Opcode opcode() { return Opcode.SELECT_T; }
    }

    record RefNull(HeapType type) implements Instruction {
        @Override public Opcode opcode() { return Opcode.REF_NULL; }
    }

    // Convenience constructors for builders, generators and tests.

    static Instruction plain(Opcode op) { return new Plain(op); }

    static Instruction i32(int v) { return new I32Const(v); }

    static Instruction i64(long v) { return new I64Const(v); }

    static Instruction f32(float v) { return new F32Const(Float.floatToRawIntBits(v)); }

    static Instruction f64(double v) { return new F64Const(Double.doubleToRawLongBits(v)); }

    static Instruction indexed(Opcode op, int index) { return new Indexed(op, index); }

    static Instruction localGet(int i) { return new Indexed(Opcode.LOCAL_GET, i); }

    static Instruction call(int f) { return new Indexed(Opcode.CALL, f); }

    static Instruction memory(Opcode op, int offset) { return new Memory(op, new MemArg(op.naturalAlignment(), offset, 0)); }

    Instruction END = new Plain(Opcode.END);
}

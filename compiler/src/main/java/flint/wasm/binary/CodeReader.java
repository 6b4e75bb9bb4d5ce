package flint.wasm.binary;

import static flint.wasm.binary.MalformedModuleException.*;

import flint.wasm.model.Catch;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.Immediate;
import flint.wasm.model.Instruction;
import flint.wasm.model.MemArg;
import flint.wasm.model.Opcode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads instructions one at a time from code bytes: a function body's code (after its locals,
 * ending with the function's {@code end}) or a constant expression. This is how the validator,
 * the compiler and the printer walk code: nothing is materialized beyond the current instruction,
 * and instructions without immediates are shared instances.
 *
 * <p>The reader only knows instruction syntax: it does not check that blocks nest or that the
 * code ends with {@code end} (see {@link CodeSyntax}, which {@link ModuleDecoder#decode} runs over
 * every body). Errors are {@link MalformedModuleException}s with module offsets.
 */
public final class CodeReader {
    private static final Instruction[] PLAIN = new Instruction[Opcode.values().length];

    static {
        for (var op : Opcode.values()) {
            if (op.immediate() == Immediate.NONE) PLAIN[op.ordinal()] = new Instruction.Plain(op);
        }
    }

    private final ByteReader in;
    private int lastOffset = -1;

    /**
     * Reads {@code bytes[start..end)}; {@code moduleOffset} is the module offset of
     * {@code bytes[start]}, used in error messages and by {@link #offset()}.
     */
    public CodeReader(byte[] bytes, int start, int end, int moduleOffset) {
        this(new ByteReader(bytes, start, end, moduleOffset - start));
    }

    /** Reads a function body's code; offsets are the body's module offsets. */
    public CodeReader(FunctionBody body) {
        this(new ByteReader(body.codeView(), 0, body.codeView().length, body.offset()));
    }

    /** Reads from a byte reader's current position, sharing (and advancing) it. */
    CodeReader(ByteReader in) {
        this.in = in;
    }

    public boolean hasNext() { return !in.atEnd(); }

    /** The module offset of the next instruction (or of the end of the code). */
    public int offset() { return in.offset(); }

    /** The module offset of the instruction {@link #next()} returned last, or -1. */
    public int lastOffset() { return lastOffset; }

    /** The opcode of the next instruction without consuming it; null at the end or for an illegal or unsupported opcode. */
    public Opcode peekOpcode() {
        int at = in.position();
        try {
            return opcode();
        } catch (MalformedModuleException e) {
            return null;
        } finally {
            in.position(at);
        }
    }

    /** The next instruction with its immediates. */
    public Instruction next() {
        lastOffset = in.offset();
        var op = opcode();
        return switch (op.immediate()) {
            case NONE -> PLAIN[op.ordinal()];
            case BLOCK -> new Instruction.Block(op, TypeDecoder.blockType(in));
            case TRY_TABLE -> tryTable();
            case BR_TABLE -> brTable();
            case LABEL, FUNC, LOCAL, GLOBAL, TABLE, MEMORY, TYPE, DATA, ELEM, TAG -> new Instruction.Indexed(op, in.u32());
            case LANE -> new Instruction.Indexed(op, in.u8());
            case TYPE_TABLE, ELEM_TABLE, TABLE_TABLE, DATA_MEMORY, MEMORY_MEMORY -> {
                int first = in.u32();
                yield new Instruction.TwoIndex(op, first, in.u32());
            }
            case MEMARG -> new Instruction.Memory(op, memArg());
            case MEMARG_LANE -> {
                var memArg = memArg();
                yield new Instruction.MemoryLane(op, memArg, in.u8());
            }
            case I32 -> new Instruction.I32Const(in.s32());
            case I64 -> new Instruction.I64Const(in.s64());
            case F32 -> new Instruction.F32Const(in.word32());
            case F64 -> new Instruction.F64Const(in.word64());
            case V128 -> {
                long low = in.word64();
                yield new Instruction.V128Const(low, in.word64());
            }
            case SHUFFLE -> new Instruction.Shuffle(in.bytes(16));
            case SELECT_T -> new Instruction.SelectTyped(TypeDecoder.valTypes(in));
            case HEAP_TYPE -> new Instruction.RefNull(TypeDecoder.heapType(in));
        };
    }

    /**
     * Reads past the next instruction without materializing it, checking its immediates as
     * {@link #next()} would; returns its opcode.
     */
    public Opcode skip() {
        lastOffset = in.offset();
        var op = opcode();
        switch (op.immediate()) {
            case NONE -> { }
            case BLOCK -> TypeDecoder.blockType(in);
            case TRY_TABLE -> {
                TypeDecoder.blockType(in);
                int n = in.len32();
                for (int i = 0; i < n; i++) {
                    int kind = in.u8();
                    if (kind > 3) throw in.error(MALFORMED_CATCH_CLAUSE, in.position() - 1);
                    if (kind < 2) in.u32();
                    in.u32();
                }
            }
            case BR_TABLE -> {
                int n = in.len32();
                for (int i = 0; i <= n; i++) in.u32();
            }
            case LABEL, FUNC, LOCAL, GLOBAL, TABLE, MEMORY, TYPE, DATA, ELEM, TAG -> in.u32();
            case LANE -> in.u8();
            case TYPE_TABLE, ELEM_TABLE, TABLE_TABLE, DATA_MEMORY, MEMORY_MEMORY -> {
                in.u32();
                in.u32();
            }
            case MEMARG -> memArg();
            case MEMARG_LANE -> {
                memArg();
                in.u8();
            }
            case I32 -> in.s32();
            case I64 -> in.s64();
            case F32 -> in.skip(4);
            case F64 -> in.skip(8);
            case V128, SHUFFLE -> in.skip(16);
            case SELECT_T -> {
                int n = in.len32();
                for (int i = 0; i < n; i++) TypeDecoder.valType(in);
            }
            case HEAP_TYPE -> TypeDecoder.heapType(in);
        }
        return op;
    }

    private Opcode opcode() {
        int at = in.position();
        int b = in.u8();
        Opcode op;
        switch (b) {
            case 0xFC, 0xFD -> {
                long code = in.u32AsLong();
                op = Opcode.prefixed(b, code);
                if (op == null) throw in.error(ILLEGAL_OPCODE, hex(b) + " " + Long.toHexString(code), at);
            }
            case 0xFB -> throw new UnsupportedFeatureException("GC instructions (0xfb prefix)", in.offsetOf(at));
            case 0xFE -> throw new UnsupportedFeatureException("thread atomic instructions (0xfe prefix)", in.offsetOf(at));
            default -> {
                op = Opcode.single(b);
                if (op == null) throw in.error(ILLEGAL_OPCODE, hex(b), at);
            }
        }
        return op;
    }

    private static String hex(int b) {
        return String.format("%02x", b);
    }

    /**
     * Alignment flags below 2^6 are the alignment exponent; with bit 6 set a memory index
     * follows (multiple memories). Larger flags are malformed.
     */
    private MemArg memArg() {
        int at = in.position();
        long flags = in.u32AsLong();
        if (flags >= 0x80) throw in.error(MALFORMED_MEMOP_FLAGS, at);
        int memory = (flags & 0x40) != 0 ? in.u32() : 0;
        long offset = in.u64();
        return new MemArg((int) (flags & 0x3F), offset, memory);
    }

    private Instruction tryTable() {
        var type = TypeDecoder.blockType(in);
        int n = in.len32();
        var catches = new ArrayList<Catch>(Math.min(n, 16));
        for (int i = 0; i < n; i++) {
            int kind = in.u8();
            catches.add(switch (kind) {
                case 0 -> new Catch(Catch.Kind.CATCH, in.u32(), in.u32());
                case 1 -> new Catch(Catch.Kind.CATCH_REF, in.u32(), in.u32());
                case 2 -> new Catch(Catch.Kind.CATCH_ALL, -1, in.u32());
                case 3 -> new Catch(Catch.Kind.CATCH_ALL_REF, -1, in.u32());
                default -> throw in.error(MALFORMED_CATCH_CLAUSE, in.position() - 1);
            });
        }
        return new Instruction.TryTable(type, catches);
    }

    private Instruction brTable() {
        int n = in.len32();
        List<Integer> labels;
        if (n == 0) {
            labels = List.of();
        } else {
            var list = new ArrayList<Integer>(Math.min(n, 256));
            for (int i = 0; i < n; i++) list.add(in.u32());
            labels = list;
        }
        return new Instruction.BrTable(labels, in.u32());
    }
}

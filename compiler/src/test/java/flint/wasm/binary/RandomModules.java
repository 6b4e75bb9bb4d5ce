package flint.wasm.binary;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.BlockType;
import flint.wasm.model.Catch;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.CustomSection;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.Export;
import flint.wasm.model.ExternKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.Global;
import flint.wasm.model.GlobalType;
import flint.wasm.model.HeapType;
import flint.wasm.model.Import;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.Instruction;
import flint.wasm.model.Limits;
import flint.wasm.model.LocalGroup;
import flint.wasm.model.MemArg;
import flint.wasm.model.MemoryType;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.RefType;
import flint.wasm.model.Table;
import flint.wasm.model.TableType;
import flint.wasm.model.TagType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random well-formed (not necessarily valid) modules: every section, every instruction shape and
 * opcode, every element and data segment form, extreme immediates (indices up to 2^32-1, 64-bit
 * offsets, NaN payloads). Well-formed means exactly what the decoder checks: blocks nest,
 * function and code counts agree, a data count section is present when bodies use data indices
 * and agrees with the data section, custom sections are in placement order.
 */
public final class RandomModules {
    private static final Opcode[] OPCODES = Opcode.values();
    private static final AbsHeapType[] ABSTRACT = AbsHeapType.values();

    private final Random r;
    private boolean usesDataIndex;

    private RandomModules(Random r) {
        this.r = r;
    }

    public static Arbitrary<WasmModule> modules() {
        return Arbitraries.randomValue(r -> new RandomModules(r).module());
    }

    /** A well-nested instruction sequence ending with the function's end. */
    static Arbitrary<List<Instruction>> bodies() {
        return Arbitraries.randomValue(r -> new RandomModules(r).code(r.nextInt(60), true));
    }

    static WasmModule module(Random r) {
        return new RandomModules(r).module();
    }

    /** A random instruction with this opcode (immediates drawn from {@code r}). */
    static Instruction instructionFor(Random r, Opcode op) {
        return new RandomModules(r).instruction(op);
    }

    private WasmModule module() {
        var types = list(4, () -> new FuncType(valTypes(3), valTypes(3)));
        var imports = list(4, this::importEntry);
        int functionCount = r.nextInt(5);
        var functions = new ArrayList<Integer>();
        var codes = new ArrayList<FunctionBody>();
        for (int i = 0; i < functionCount; i++) {
            functions.add(index());
            var locals = list(3, () -> new LocalGroup(r.nextInt(4) == 0 ? r.nextInt(1 << 30) : r.nextInt(4), valType()));
            codes.add(new FunctionBody(locals, CodeWriter.encode(code(r.nextInt(40), true)), 0));
        }
        var tables = list(2, () -> new Table(tableType(), r.nextBoolean() ? Optional.of(constExpr()) : Optional.empty()));
        var memories = list(2, () -> new MemoryType(limits(true)));
        var tags = list(2, () -> new TagType(index()));
        var globals = list(3, () -> new Global(new GlobalType(valType(), r.nextBoolean()), constExpr()));
        var exports = list(3, () -> new Export(name(), ExternKind.values()[r.nextInt(5)], index()));
        var start = r.nextInt(4) == 0 ? OptionalInt.of(index()) : OptionalInt.empty();
        var elements = list(4, this::element);
        var data = list(3, this::dataSegment);
        var dataCount = usesDataIndex || r.nextInt(3) == 0 ? OptionalInt.of(data.size()) : OptionalInt.empty();
        var customs = customs(start.isPresent(), dataCount.isPresent());
        return new WasmModule(types, imports, functions, tables, memories, tags, globals, exports, start, elements,
                dataCount, codes, data, customs);
    }

    private interface Maker<T> {
        T make();
    }

    private <T> List<T> list(int max, Maker<T> maker) {
        int n = r.nextInt(max + 1);
        var out = new ArrayList<T>(n);
        for (int i = 0; i < n; i++) out.add(maker.make());
        return out;
    }

    /** Mostly small indices, sometimes anything up to 2^32-1 (as an int). */
    private int index() {
        return switch (r.nextInt(8)) {
            case 0 -> r.nextInt();
            case 1 -> -1;
            case 2 -> r.nextInt(1 << 14);
            default -> r.nextInt(8);
        };
    }

    private long anyLong() {
        return switch (r.nextInt(6)) {
            case 0 -> r.nextLong();
            case 1 -> -1L;
            case 2 -> Long.MIN_VALUE;
            case 3 -> r.nextInt() & 0xFFFFFFFFL;
            default -> r.nextInt(100);
        };
    }

    private String name() {
        var sb = new StringBuilder();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            int cp = switch (r.nextInt(4)) {
                case 0 -> r.nextInt(0x80);
                case 1 -> 0x80 + r.nextInt(0x800 - 0x80);
                case 2 -> 0xE000 + r.nextInt(0x2000);    // beyond the surrogates
                default -> 0x10000 + r.nextInt(0x100000); // supplementary planes
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private byte[] randomBytes(int max) {
        var b = new byte[r.nextInt(max + 1)];
        r.nextBytes(b);
        return b;
    }

    // Types

    private ValType valType() {
        return switch (r.nextInt(6)) {
            case 0 -> VecType.V128;
            case 1, 2 -> refType();
            default -> NumType.values()[r.nextInt(4)];
        };
    }

    private List<ValType> valTypes(int max) {
        return list(max, this::valType);
    }

    private RefType refType() {
        return new RefType(r.nextInt(3) != 0, heapType());
    }

    private HeapType heapType() {
        return r.nextInt(4) == 0 ? new ConcreteHeapType(index()) : ABSTRACT[r.nextInt(ABSTRACT.length)];
    }

    private BlockType blockType() {
        return switch (r.nextInt(4)) {
            case 0 -> BlockType.EMPTY;
            case 1 -> new BlockType.TypeIndex(index());
            default -> BlockType.of(valType());
        };
    }

    private Limits limits(boolean memory) {
        var max = r.nextBoolean() ? OptionalLong.of(anyLong()) : OptionalLong.empty();
        return new Limits(anyLong(), max, r.nextBoolean(), memory && r.nextBoolean());
    }

    private TableType tableType() {
        return new TableType(refType(), limits(false));
    }

    private Import importEntry() {
        ImportDesc desc = switch (r.nextInt(5)) {
            case 0 -> new ImportDesc.Func(index());
            case 1 -> new ImportDesc.Table(tableType());
            case 2 -> new ImportDesc.Memory(new MemoryType(limits(true)));
            case 3 -> new ImportDesc.Global(new GlobalType(valType(), r.nextBoolean()));
            default -> new ImportDesc.Tag(new TagType(index()));
        };
        return new Import(name(), name(), desc);
    }

    // Segments

    private ElementSegment element() {
        ElementSegment.Mode mode = switch (r.nextInt(3)) {
            case 0 -> ElementSegment.PASSIVE;
            case 1 -> ElementSegment.DECLARATIVE;
            default -> new ElementSegment.Active(r.nextBoolean() ? 0 : index(), constExpr());
        };
        // Favor the shapes that have compact or implicit-type encodings.
        return switch (r.nextInt(4)) {
            case 0 -> new ElementSegment(SegmentDecoder.REF_FUNC, mode, list(4, () -> ConstExpr.refFunc(index())));
            case 1 -> new ElementSegment(RefType.FUNCREF, mode, list(4, () -> ConstExpr.refFunc(index())));
            case 2 -> new ElementSegment(RefType.FUNCREF, mode, list(3, this::constExpr));
            default -> new ElementSegment(refType(), mode, list(3, this::constExpr));
        };
    }

    private DataSegment dataSegment() {
        DataSegment.Mode mode = r.nextInt(3) == 0 ? DataSegment.PASSIVE
                : new DataSegment.Active(r.nextBoolean() ? 0 : index(), constExpr());
        return new DataSegment(mode, randomBytes(20));
    }

    private List<CustomSection> customs(boolean hasStart, boolean hasDataCount) {
        var placements = new ArrayList<Integer>();
        for (var id : SectionId.values()) {
            // An absent start or data count section cannot carry a placement (see ModuleEncoder).
            if (id == SectionId.START && !hasStart || id == SectionId.DATA_COUNT && !hasDataCount) continue;
            placements.add(id.id());
        }
        var customs = list(4, () -> new CustomSection(name(), randomBytes(12), placements.get(r.nextInt(placements.size()))));
        customs.sort(Comparator.comparingInt(c -> SectionId.placementRank(c.placement())));
        return customs;
    }

    // Code

    private ConstExpr constExpr() {
        var code = code(r.nextInt(4), false);
        return new ConstExpr(code);
    }

    /**
     * A well-nested sequence of {@code length} or so random instructions; with {@code closed},
     * ends with the closing end of the function.
     */
    List<Instruction> code(int length, boolean closed) {
        var out = new ArrayList<Instruction>();
        var frames = new ArrayList<Boolean>(); // per open block: is it an if still without else?
        for (int i = 0; i < length; i++) {
            int choice = r.nextInt(20);
            if (choice == 0 && !frames.isEmpty()) {
                frames.removeLast();
                out.add(Instruction.END);
                continue;
            }
            if (choice == 1 && !frames.isEmpty() && frames.getLast()) {
                frames.set(frames.size() - 1, false);
                out.add(Instruction.plain(Opcode.ELSE));
                continue;
            }
            var op = OPCODES[r.nextInt(OPCODES.length)];
            if (op == Opcode.END || op == Opcode.ELSE) continue;
            var insn = instruction(op);
            if (op == Opcode.MEMORY_INIT || op == Opcode.DATA_DROP) usesDataIndex |= closed;
            if (op.immediate() == flint.wasm.model.Immediate.BLOCK || op == Opcode.TRY_TABLE) frames.add(op == Opcode.IF);
            out.add(insn);
        }
        while (!frames.isEmpty()) {
            frames.removeLast();
            out.add(Instruction.END);
        }
        if (closed) out.add(Instruction.END);
        return out;
    }

    /** A random instruction with this opcode, its record matching the opcode's immediates. */
    Instruction instruction(Opcode op) {
        return switch (op.immediate()) {
            case NONE -> Instruction.plain(op);
            case BLOCK -> new Instruction.Block(op, blockType());
            case TRY_TABLE -> new Instruction.TryTable(blockType(), list(3, this::catchClause));
            case BR_TABLE -> new Instruction.BrTable(list(5, this::index), index());
            case LABEL, FUNC, LOCAL, GLOBAL, TABLE, MEMORY, TYPE, DATA, ELEM, TAG -> new Instruction.Indexed(op, index());
            case LANE -> new Instruction.Indexed(op, r.nextInt(256));
            case TYPE_TABLE, ELEM_TABLE, TABLE_TABLE, DATA_MEMORY, MEMORY_MEMORY -> new Instruction.TwoIndex(op, index(), index());
            case MEMARG -> new Instruction.Memory(op, memArg());
            case MEMARG_LANE -> new Instruction.MemoryLane(op, memArg(), r.nextInt(256));
            case I32 -> new Instruction.I32Const((int) anyLong());
            case I64 -> new Instruction.I64Const(anyLong());
            case F32 -> new Instruction.F32Const(r.nextBoolean() ? 0x7FA00001 | r.nextInt() & 0x80000000 : r.nextInt());
            case F64 -> new Instruction.F64Const(r.nextBoolean() ? 0x7FF4000000000001L : r.nextLong());
            case V128 -> new Instruction.V128Const(r.nextLong(), r.nextLong());
            case SHUFFLE -> {
                var lanes = new byte[16];
                r.nextBytes(lanes);
                yield new Instruction.Shuffle(lanes);
            }
            case SELECT_T -> new Instruction.SelectTyped(valTypes(2));
            case HEAP_TYPE -> new Instruction.RefNull(heapType());
        };
    }

    private Catch catchClause() {
        var kind = Catch.Kind.values()[r.nextInt(4)];
        return new Catch(kind, kind.hasTag() ? index() : -1, index());
    }

    private MemArg memArg() {
        int memory = r.nextBoolean() ? 0 : index();
        return new MemArg(r.nextInt(8) == 0 ? r.nextInt(64) : r.nextInt(5), anyLong(), memory);
    }
}

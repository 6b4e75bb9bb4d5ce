package flint.harness.shrink;

import flint.wasm.model.BlockType;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.Export;
import flint.wasm.model.ExternKind;
import flint.wasm.model.Global;
import flint.wasm.model.Immediate;
import flint.wasm.model.Import;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.Instruction;
import flint.wasm.model.Table;
import flint.wasm.model.TagType;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntUnaryOperator;

/**
 * Rewrites every reference into one index space after entries were removed from it: the one place
 * that knows where a module mentions functions, globals, locals, types, data and element segments.
 * A map returns the new index, or -1 for a removed entry that is still referenced; then the rewrite
 * fails with {@link Dangling} and the caller drops the candidate (removing something still in use
 * is never valid).
 */
final class Renumber {
    private Renumber() {}

    enum Space { FUNC, GLOBAL, LOCAL, TYPE, DATA, ELEM }

    /** A reference to a removed entry. Cheap to throw: candidates are rejected this way often. */
    static final class Dangling extends RuntimeException {
        Dangling() { super("reference to a removed entry", null, false, false); }
    }

    /**
     * The map that closes the gaps left by removing {@code removed} from a space of {@code size}
     * entries (imports included: callers only remove defined entries, so imports keep their indices).
     * A removed index maps to -1; an index outside the space maps to itself, for the validator to reject.
     */
    static IntUnaryOperator closingGaps(int size, java.util.Set<Integer> removed) {
        int[] map = new int[size];
        int next = 0;
        for (int i = 0; i < size; i++) map[i] = removed.contains(i) ? -1 : next++;
        return i -> i >= 0 && i < size ? map[i] : i;
    }

    static Instruction instruction(Instruction insn, Space space, IntUnaryOperator map) {
        var imm = insn.opcode().immediate();
        return switch (insn) {
            case Instruction.Indexed x when imm == single(space) -> new Instruction.Indexed(x.opcode(), apply(map, x.index()));
            case Instruction.TwoIndex t when imm == pairFirst(space) ->
                    new Instruction.TwoIndex(t.opcode(), apply(map, t.first()), t.second());
            case Instruction.Block b when space == Space.TYPE && b.type() instanceof BlockType.TypeIndex(int index) ->
                    new Instruction.Block(b.opcode(), new BlockType.TypeIndex(apply(map, index)));
            case Instruction.TryTable t when space == Space.TYPE && t.type() instanceof BlockType.TypeIndex(int index) ->
                    new Instruction.TryTable(new BlockType.TypeIndex(apply(map, index)), t.catches());
            default -> insn;
        };
    }

    static List<Instruction> instructions(List<Instruction> list, Space space, IntUnaryOperator map) {
        var out = new ArrayList<Instruction>(list.size());
        for (var insn : list) out.add(instruction(insn, space, map));
        return out;
    }

    static Code code(Code code, Space space, IntUnaryOperator map) {
        return code.withInstructions(instructions(code.instructions(), space, map));
    }

    static ConstExpr constExpr(ConstExpr expr, Space space, IntUnaryOperator map) {
        return new ConstExpr(instructions(expr.instructions(), space, map));
    }

    /** Every reference in the module to {@code space} (not locals: they belong to one body, see {@link #code}). */
    static WasmModule module(WasmModule m, Space space, IntUnaryOperator map) {
        if (space == Space.LOCAL) throw new IllegalArgumentException("locals are renumbered per body");
        var codes = Modules.codes(m).stream().map(c -> code(c, space, map).encode()).toList();
        var globals = m.globals().stream().map(g -> new Global(g.type(), constExpr(g.init(), space, map))).toList();
        var tables = m.tables().stream().map(t -> new Table(t.type(), t.init().map(e -> constExpr(e, space, map)))).toList();
        var elements = m.elements().stream().map(e -> new ElementSegment(e.type(), switch (e.mode()) {
            case ElementSegment.Active a -> new ElementSegment.Active(a.table(), constExpr(a.offset(), space, map));
            default -> e.mode();
        }, e.items().stream().map(i -> constExpr(i, space, map)).toList())).toList();
        var data = m.data().stream().map(d -> new DataSegment(switch (d.mode()) {
            case DataSegment.Active a -> new DataSegment.Active(a.memory(), constExpr(a.offset(), space, map));
            default -> d.mode();
        }, d.bytes())).toList();
        var exports = m.exports().stream().map(e -> switch (space) {
            case FUNC -> e.kind() == ExternKind.FUNC ? new Export(e.name(), e.kind(), apply(map, e.index())) : e;
            case GLOBAL -> e.kind() == ExternKind.GLOBAL ? new Export(e.name(), e.kind(), apply(map, e.index())) : e;
            default -> e;
        }).toList();
        OptionalInt start = space == Space.FUNC && m.start().isPresent()
                ? OptionalInt.of(apply(map, m.start().getAsInt())) : m.start();
        var types = m.functions();
        var imports = m.imports();
        var tags = m.tags();
        if (space == Space.TYPE) {
            types = m.functions().stream().map(t -> apply(map, t)).toList();
            imports = m.imports().stream().map(i -> switch (i.desc()) {
                case ImportDesc.Func(int t) -> new Import(i.module(), i.name(), new ImportDesc.Func(apply(map, t)));
                case ImportDesc.Tag(TagType(int t)) -> new Import(i.module(), i.name(), new ImportDesc.Tag(new TagType(apply(map, t))));
                default -> i;
            }).toList();
            tags = m.tags().stream().map(t -> new TagType(apply(map, t.typeIndex()))).toList();
        }
        return new WasmModule(m.types(), imports, types, tables, m.memories(), tags, globals, exports, start,
                elements, m.dataCount(), codes, data, m.customs());
    }

    private static int apply(IntUnaryOperator map, int index) {
        int mapped = map.applyAsInt(index);
        if (mapped < 0) throw new Dangling();
        return mapped;
    }

    private static Immediate single(Space space) {
        return switch (space) {
            case FUNC -> Immediate.FUNC;
            case GLOBAL -> Immediate.GLOBAL;
            case LOCAL -> Immediate.LOCAL;
            case TYPE -> Immediate.TYPE;
            case DATA -> Immediate.DATA;
            case ELEM -> Immediate.ELEM;
        };
    }

    /** The two-index shape whose first index is in {@code space} (call_indirect: type then table; ...). */
    private static Immediate pairFirst(Space space) {
        return switch (space) {
            case TYPE -> Immediate.TYPE_TABLE;
            case DATA -> Immediate.DATA_MEMORY;
            case ELEM -> Immediate.ELEM_TABLE;
            default -> null;
        };
    }
}

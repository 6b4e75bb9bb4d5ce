package flint.wasm.text;

import flint.wasm.model.BlockType;
import flint.wasm.model.Catch;
import flint.wasm.model.FuncType;
import flint.wasm.model.Immediate;
import flint.wasm.model.Instruction;
import flint.wasm.model.MemArg;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;

import java.util.ArrayList;
import java.util.List;

/**
 * Instructions, flat and folded, into the model's flat instruction list (structured
 * instructions closed by {@code end}, as in the binary format). Resolves labels (innermost
 * binding wins, so a label name may shadow an outer one), locals and module-level indices.
 */
final class InstructionParser {
    private final Cursor in;
    private final ModuleScope scope;
    private final TypeParser types;
    private final IndexSpace locals;
    /** Enclosing labels, innermost last; null for unnamed ones. */
    private final List<String> labels = new ArrayList<>();

    /** @param locals the function's locals, or null in constant expressions */
    InstructionParser(Cursor in, ModuleScope scope, TypeParser types, IndexSpace locals) {
        this.in = in;
        this.scope = scope;
        this.types = types;
        this.locals = locals != null ? locals : new IndexSpace("local");
    }

    /** Reads instructions up to a {@code )}, {@code end}, {@code else} or the end of input. */
    void instrs(List<Instruction> out) {
        while (true) {
            var t = in.peek();
            if (t.kind() == Token.Kind.LPAREN) {
                folded(out);
            } else if (t.kind() == Token.Kind.KEYWORD) {
                if (t.text().equals("end") || t.text().equals("else")) return;
                flat(out);
            } else {
                return;
            }
        }
    }

    /** One folded instruction {@code ( ... )}: its operands first, then itself. */
    void folded(List<Instruction> out) {
        in.expectLParen();
        var t = in.peek();
        if (t.kind() != Token.Kind.KEYWORD) throw in.unexpected(t, "an instruction");
        switch (t.text()) {
            case "block", "loop" -> {
                in.next();
                var op = t.text().equals("block") ? Opcode.BLOCK : Opcode.LOOP;
                var label = in.tryId();
                var bt = blockType();
                out.add(new Instruction.Block(op, bt));
                enter(label);
                instrs(out);
                exit();
                out.add(Instruction.END);
            }
            case "if" -> {
                in.next();
                var label = in.tryId();
                var bt = blockType();
                // The condition is outside the if's label scope.
                while (in.at(Token.Kind.LPAREN) && !in.atList("then")) folded(out);
                out.add(new Instruction.Block(Opcode.IF, bt));
                enter(label);
                in.expectList("then");
                instrs(out);
                in.expectRParen();
                if (in.tryList("else")) {
                    out.add(new Instruction.Plain(Opcode.ELSE));
                    instrs(out);
                    in.expectRParen();
                }
                exit();
                out.add(Instruction.END);
            }
            case "try_table" -> {
                in.next();
                var label = in.tryId();
                var bt = blockType();
                var catches = catches();
                out.add(new Instruction.TryTable(bt, catches));
                enter(label);
                instrs(out);
                exit();
                out.add(Instruction.END);
            }
            default -> {
                var instruction = plain();
                while (in.at(Token.Kind.LPAREN)) folded(out);
                out.add(instruction);
            }
        }
        in.expectRParen();
    }

    /** One flat instruction; structured ones take everything up to their {@code end}. */
    private void flat(List<Instruction> out) {
        var t = in.peek();
        switch (t.text()) {
            case "block", "loop" -> {
                in.next();
                var op = t.text().equals("block") ? Opcode.BLOCK : Opcode.LOOP;
                var label = in.tryId();
                out.add(new Instruction.Block(op, blockType()));
                enter(label);
                instrs(out);
                in.expectKeyword("end");
                endLabel(label);
                exit();
                out.add(Instruction.END);
            }
            case "if" -> {
                in.next();
                var label = in.tryId();
                out.add(new Instruction.Block(Opcode.IF, blockType()));
                enter(label);
                instrs(out);
                if (in.tryKeyword("else")) {
                    endLabel(label);
                    out.add(new Instruction.Plain(Opcode.ELSE));
                    instrs(out);
                }
                in.expectKeyword("end");
                endLabel(label);
                exit();
                out.add(Instruction.END);
            }
            case "try_table" -> {
                in.next();
                var label = in.tryId();
                var bt = blockType();
                out.add(new Instruction.TryTable(bt, catches()));
                enter(label);
                instrs(out);
                in.expectKeyword("end");
                endLabel(label);
                exit();
                out.add(Instruction.END);
            }
            default -> out.add(plain());
        }
    }

    private void enter(Token label) {
        labels.add(label == null ? null : label.idName());
    }

    private void exit() {
        labels.removeLast();
    }

    /** An optional label after {@code end} or {@code else} must repeat the block's label. */
    private void endLabel(Token blockLabel) {
        if (!in.at(Token.Kind.ID)) return;
        var t = in.next();
        if (blockLabel == null || !blockLabel.idName().equals(t.idName())) {
            throw in.error(t, "mismatching label", t.text()
                    + (blockLabel == null ? " on an unlabelled block" : " for block " + blockLabel.text()));
        }
    }

    private int label() {
        var t = in.peek();
        if (t.kind() == Token.Kind.ID) {
            in.next();
            for (int i = labels.size() - 1; i >= 0; i--) {
                if (t.idName().equals(labels.get(i))) return labels.size() - 1 - i;
            }
            throw in.error(t, "unknown label", t.text());
        }
        if (t.kind() == Token.Kind.NAT) {
            in.next();
            return IndexSpace.u32(t, in);
        }
        throw in.unexpected(t, "a label");
    }

    /**
     * A block type: nothing, a single result, or a type use. Only a use that needs a function
     * type (parameters, several results, or an explicit index) refers to the type section.
     */
    private BlockType blockType() {
        Token typeToken = null;
        int index = -1;
        if (in.atList("type")) {
            in.expectList("type");
            typeToken = in.peek();
            index = scope.types.resolve(in);
            in.expectRParen();
        }
        var params = new ArrayList<ValType>();
        types.params(params, null);
        var results = new ArrayList<ValType>();
        types.results(results);
        if (typeToken != null) {
            if (!params.isEmpty() || !results.isEmpty()) {
                var defined = scope.type(index);
                if (defined == null) throw in.error(typeToken, "unknown type", typeToken.text());
                if (!defined.equals(new FuncType(params, results))) {
                    throw in.error(typeToken, "inline function type does not match explicit type", typeToken.text());
                }
            }
            return new BlockType.TypeIndex(index);
        }
        if (params.isEmpty() && results.isEmpty()) return BlockType.EMPTY;
        if (params.isEmpty() && results.size() == 1) return BlockType.of(results.getFirst());
        return new BlockType.TypeIndex(scope.typeIndexOf(new FuncType(params, results)));
    }

    private List<Catch> catches() {
        var catches = new ArrayList<Catch>();
        while (true) {
            var kw = in.listKeyword();
            if (kw == null) return catches;
            Catch.Kind kind;
            switch (kw) {
                case "catch" -> kind = Catch.Kind.CATCH;
                case "catch_ref" -> kind = Catch.Kind.CATCH_REF;
                case "catch_all" -> kind = Catch.Kind.CATCH_ALL;
                case "catch_all_ref" -> kind = Catch.Kind.CATCH_ALL_REF;
                default -> {
                    return catches;
                }
            }
            in.expectList(kw);
            int tag = kind.hasTag() ? scope.tags.resolve(in) : -1;
            // Catch labels are resolved outside the try_table's own label.
            catches.add(new Catch(kind, tag, label()));
            in.expectRParen();
        }
    }

    /** A plain (non-structured) instruction with its immediates. */
    private Instruction plain() {
        var t = in.next();
        var op = t.kind() == Token.Kind.KEYWORD ? Keywords.opcode(t.text()) : null;
        if (op == null || op == Opcode.END || op == Opcode.ELSE || op.immediate() == Immediate.BLOCK
                || op == Opcode.TRY_TABLE) {
            if (t.kind() == Token.Kind.KEYWORD) {
                var feature = Keywords.unsupportedFeature(t.text());
                if (feature != null) throw in.unsupported(t, feature, t.text());
            }
            throw in.unexpected(t, "an instruction");
        }
        return switch (op.immediate()) {
            case NONE -> op == Opcode.SELECT ? select() : new Instruction.Plain(op);
            case LABEL -> new Instruction.Indexed(op, label());
            case BR_TABLE -> brTable();
            case FUNC -> new Instruction.Indexed(op, scope.funcs.resolve(in));
            case LOCAL -> new Instruction.Indexed(op, locals.resolve(in));
            case GLOBAL -> new Instruction.Indexed(op, scope.globals.resolve(in));
            case TABLE -> new Instruction.Indexed(op, optional(scope.tables));
            case MEMORY -> new Instruction.Indexed(op, optional(scope.memories));
            case TYPE -> new Instruction.Indexed(op, scope.types.resolve(in));
            case DATA -> {
                scope.usesDataIndex = true;
                yield new Instruction.Indexed(op, scope.datas.resolve(in));
            }
            case ELEM -> new Instruction.Indexed(op, scope.elems.resolve(in));
            case TAG -> new Instruction.Indexed(op, scope.tags.resolve(in));
            case LANE -> new Instruction.Indexed(op, lane());
            case TYPE_TABLE -> {
                int table = optional(scope.tables);
                var use = types.typeUse(false);
                yield new Instruction.TwoIndex(op, use.index(), table);
            }
            case ELEM_TABLE -> {
                // table.init tableidx? elemidx
                if (IndexSpace.atIndex(in) && isIndex(in.peek(1))) {
                    int table = scope.tables.resolve(in);
                    yield new Instruction.TwoIndex(op, scope.elems.resolve(in), table);
                }
                yield new Instruction.TwoIndex(op, scope.elems.resolve(in), 0);
            }
            case DATA_MEMORY -> {
                scope.usesDataIndex = true;
                if (IndexSpace.atIndex(in) && isIndex(in.peek(1))) {
                    int memory = scope.memories.resolve(in);
                    yield new Instruction.TwoIndex(op, scope.datas.resolve(in), memory);
                }
                yield new Instruction.TwoIndex(op, scope.datas.resolve(in), 0);
            }
            case TABLE_TABLE -> {
                if (!IndexSpace.atIndex(in)) yield new Instruction.TwoIndex(op, 0, 0);
                int dst = scope.tables.resolve(in);
                yield new Instruction.TwoIndex(op, dst, scope.tables.resolve(in));
            }
            case MEMORY_MEMORY -> {
                if (!IndexSpace.atIndex(in)) yield new Instruction.TwoIndex(op, 0, 0);
                int dst = scope.memories.resolve(in);
                yield new Instruction.TwoIndex(op, dst, scope.memories.resolve(in));
            }
            case MEMARG -> new Instruction.Memory(op, memArg(op, optional(scope.memories)));
            case MEMARG_LANE -> {
                // memidx? memarg laneidx: a leading number is a memory index only if more follows.
                int memory = 0;
                var next = in.peek(1);
                if (in.at(Token.Kind.ID) || in.at(Token.Kind.NAT) && (next.kind() == Token.Kind.NAT
                        || next.kind() == Token.Kind.KEYWORD && isMemArgKeyword(next.text()))) {
                    memory = scope.memories.resolve(in);
                }
                var memArg = memArg(op, memory);
                yield new Instruction.MemoryLane(op, memArg, lane());
            }
            case I32 -> new Instruction.I32Const((int) LiteralReader.integer(in, 32));
            case I64 -> new Instruction.I64Const(LiteralReader.integer(in, 64));
            case F32 -> new Instruction.F32Const(LiteralReader.f32(in));
            case F64 -> new Instruction.F64Const(LiteralReader.f64(in));
            case V128 -> v128Const();
            case SHUFFLE -> shuffle();
            case HEAP_TYPE -> new Instruction.RefNull(types.heapType());
            case SELECT_T, BLOCK, TRY_TABLE -> throw new AssertionError(op);
        };
    }

    private static boolean isIndex(Token t) {
        return t.kind() == Token.Kind.NAT || t.kind() == Token.Kind.ID;
    }

    private static boolean isMemArgKeyword(String s) {
        return s.startsWith("offset=") || s.startsWith("align=");
    }

    private int optional(IndexSpace space) {
        return IndexSpace.atIndex(in) ? space.resolve(in) : 0;
    }

    private Instruction select() {
        if (!in.atList("result")) return new Instruction.Plain(Opcode.SELECT);
        var results = new ArrayList<ValType>();
        types.results(results);
        return new Instruction.SelectTyped(results);
    }

    private Instruction brTable() {
        var targets = new ArrayList<Integer>();
        targets.add(label());
        while (IndexSpace.atIndex(in)) targets.add(label());
        int defaultLabel = targets.removeLast();
        return new Instruction.BrTable(targets, defaultLabel);
    }

    private MemArg memArg(Opcode op, int memory) {
        long offset = 0;
        int align = op.naturalAlignment();
        var t = in.peek();
        if (t.kind() == Token.Kind.KEYWORD && t.text().startsWith("offset=")) {
            in.next();
            offset = memArgValue(t, "offset=".length());
            t = in.peek();
        }
        if (t.kind() == Token.Kind.KEYWORD && t.text().startsWith("align=")) {
            in.next();
            long a = memArgValue(t, "align=".length());
            if (a == 0 || (a & (a - 1)) != 0) throw in.error(t, "alignment must be a power of two", t.text());
            align = Long.numberOfTrailingZeros(a);
        }
        return new MemArg(align, offset, memory);
    }

    private long memArgValue(Token t, int prefix) {
        String digits = t.text().substring(prefix);
        if (NumberSyntax.classify(digits) != Token.Kind.NAT) throw in.error(t, "unknown operator", t.text());
        Long v = Literals.unsigned(digits, 64);
        if (v == null) throw in.error(t, "i64 constant out of range", t.text());
        return v;
    }

    private int lane() {
        var t = in.expect(Token.Kind.NAT, "a lane index");
        Long v = Literals.unsigned(t.text(), 8);
        if (v == null) throw in.error(t, "i8 constant out of range", t.text());
        return (int) (long) v;
    }


    private Instruction v128Const() {
        var bytes = VectorLiterals.parse(in);
        return new Instruction.V128Const(VectorLiterals.low(bytes), VectorLiterals.high(bytes));
    }

    private Instruction shuffle() {
        var start = in.peek();
        var lanes = new ArrayList<Token>();
        while (in.peek().isNumber()) lanes.add(in.next());
        if (lanes.size() != 16) throw in.error(start, "invalid lane length", lanes.size() + " lanes, expected 16");
        var bytes = new byte[16];
        for (int i = 0; i < 16; i++) {
            var t = lanes.get(i);
            Long v = t.kind() == Token.Kind.NAT ? Literals.unsigned(t.text(), 8) : null;
            if (v == null) throw in.error(t, "i8 constant out of range", t.text());
            bytes[i] = (byte) (long) v;
        }
        return new Instruction.Shuffle(bytes);
    }
}

package flint.wasm.text;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.Instruction;
import flint.wasm.model.RefType;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Element and data segments, with their many abbreviations: the mode given by a table or memory
 * use, an offset that is {@code (offset ...)} or a single folded instruction, Wasm 1.0's bare
 * table and memory indices, and element lists of function indices ({@code func x*}, or bare after
 * an offset) or of expressions ({@code (item ...)} or a folded instruction).
 */
final class SegmentParser {
    /** The element type of {@code func x*} lists: {@code (ref func)} since Wasm 3.0. */
    private static final RefType REF_FUNC = new RefType(false, AbsHeapType.FUNC);

    private final Cursor in;
    private final ModuleScope scope;
    private final TypeParser types;

    SegmentParser(Cursor in, ModuleScope scope, TypeParser types) {
        this.in = in;
        this.scope = scope;
        this.types = types;
    }

    /** An {@code (elem ...)} field. */
    ElementSegment elem() {
        in.expectList("elem");
        in.tryId();
        ElementSegment segment;
        if (in.tryKeyword("declare")) {
            segment = elemSegment(ElementSegment.DECLARATIVE, false);
        } else if (in.atList("table")) {
            in.expectList("table");
            int table = scope.tables.resolve(in);
            in.expectRParen();
            segment = elemSegment(new ElementSegment.Active(table, offset()), true);
        } else if (atOffset()) {
            segment = elemSegment(new ElementSegment.Active(0, offset()), true);
        } else if (in.at(Token.Kind.NAT) && isOffsetAt(1)) {
            // Wasm 1.0's (elem tableidx offset funcidx*)
            int table = scope.tables.resolve(in);
            segment = elemSegment(new ElementSegment.Active(table, offset()), true);
        } else {
            segment = elemSegment(ElementSegment.PASSIVE, false);
        }
        in.expectRParen();
        return segment;
    }

    /** An element list after the mode: {@code func x*}, {@code reftype item*}, or (after an offset) bare {@code x*}. */
    private ElementSegment elemSegment(ElementSegment.Mode mode, boolean bareIndices) {
        if (in.tryKeyword("func") || bareIndices && (IndexSpace.atIndex(in) || in.at(Token.Kind.RPAREN))) {
            return new ElementSegment(REF_FUNC, mode, funcRefs());
        }
        var type = types.refType();
        return new ElementSegment(type, mode, items());
    }

    /** The items of a table's inline {@code (elem ...)}: function indices or expressions. */
    List<ConstExpr> inlineElements() {
        return IndexSpace.atIndex(in) || in.at(Token.Kind.RPAREN) ? funcRefs() : items();
    }

    /** Element expressions: {@code (item instr*)} or one folded instruction each. */
    private List<ConstExpr> items() {
        var items = new ArrayList<ConstExpr>();
        while (in.at(Token.Kind.LPAREN)) {
            if (in.tryList("item")) {
                items.add(constExpr());
                in.expectRParen();
            } else {
                var list = new ArrayList<Instruction>();
                instructions().folded(list);
                items.add(new ConstExpr(list));
            }
        }
        return items;
    }

    private List<ConstExpr> funcRefs() {
        var items = new ArrayList<ConstExpr>();
        while (IndexSpace.atIndex(in)) items.add(ConstExpr.refFunc(scope.funcs.resolve(in)));
        return items;
    }

    /** Whether an offset ({@code (offset ...)} or a folded instruction) comes next. */
    private boolean atOffset() {
        return isOffsetAt(0);
    }

    private boolean isOffsetAt(int k) {
        if (in.peek(k).kind() != Token.Kind.LPAREN || in.peek(k + 1).kind() != Token.Kind.KEYWORD) return false;
        var kw = in.peek(k + 1).text();
        return kw.equals("offset") || Keywords.opcode(kw) != null;
    }

    private ConstExpr offset() {
        if (in.tryList("offset")) {
            var e = constExpr();
            in.expectRParen();
            return e;
        }
        var list = new ArrayList<Instruction>();
        instructions().folded(list);
        return new ConstExpr(list);
    }

    /** A {@code (data ...)} field. */
    DataSegment data() {
        in.expectList("data");
        in.tryId();
        DataSegment.Mode mode = DataSegment.PASSIVE;
        if (in.atList("memory")) {
            in.expectList("memory");
            int memory = scope.memories.resolve(in);
            in.expectRParen();
            mode = new DataSegment.Active(memory, offset());
        } else if (in.at(Token.Kind.LPAREN)) {
            mode = new DataSegment.Active(0, offset());
        } else if (in.at(Token.Kind.NAT) && isOffsetAt(1)) {
            // Wasm 1.0's (data memidx offset string*)
            int memory = scope.memories.resolve(in);
            mode = new DataSegment.Active(memory, offset());
        }
        var bytes = strings();
        in.expectRParen();
        return new DataSegment(mode, bytes);
    }

    /** Concatenated data strings. */
    byte[] strings() {
        var out = new ByteArrayOutputStream();
        while (in.at(Token.Kind.STRING)) out.writeBytes(in.next().bytes());
        return out.toByteArray();
    }

    private InstructionParser instructions() {
        return new InstructionParser(in, scope, types, null);
    }

    /** A constant expression: instructions up to the closing parenthesis of the enclosing list. */
    ConstExpr constExpr() {
        var list = new ArrayList<Instruction>();
        instructions().instrs(list);
        if (!in.at(Token.Kind.RPAREN)) throw in.unexpected(in.peek(), "\")\"");
        return new ConstExpr(list);
    }
}

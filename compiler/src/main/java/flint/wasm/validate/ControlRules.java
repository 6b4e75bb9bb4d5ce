package flint.wasm.validate;

import flint.wasm.binary.MalformedModuleException;
import flint.wasm.model.AbsHeapType;
import flint.wasm.model.BlockType;
import flint.wasm.model.Catch;
import flint.wasm.model.Instruction;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;

/** Typing of structured control, branches, calls (including tail calls) and exceptions. */
final class ControlRules {
    private static final ValType[] NONE = new ValType[0];
    private static final RefType EXN_NON_NULL = new RefType(false, AbsHeapType.EXN);
    private static final ValType[][] SINGLE_NUM = new ValType[NumType.values().length][];
    private static final ValType[] SINGLE_V128 = {VecType.V128};

    static {
        for (var t : NumType.values()) SINGLE_NUM[t.ordinal()] = new ValType[] {t};
    }

    private final TypingState s;
    private final ModuleContext ctx;
    private final ControlStack ctrls;
    // The last block type resolved by blockType(): fields rather than a pair object, so no allocation.
    private ValType[] start;
    private ValType[] end;

    ControlRules(TypingState s) {
        this.s = s;
        this.ctx = s.ctx;
        this.ctrls = s.ctrls;
    }

    void apply(Opcode op, Instruction insn) {
        switch (op) {
            case BLOCK, LOOP -> {
                blockType(Immediates.block(insn).type());
                s.popAll(start);
                s.pushCtrl(op, start, end);
            }
            case IF -> {
                blockType(Immediates.block(insn).type());
                s.pop(NumType.I32);
                s.popAll(start);
                s.pushCtrl(op, start, end);
            }
            case ELSE -> elseBranch();
            case END -> end();
            case TRY_TABLE -> tryTable(Immediates.as(Instruction.TryTable.class, insn));
            case BR -> {
                int f = s.label(Immediates.index(insn));
                s.popAll(ctrls.labelTypes(f));
                s.setUnreachable();
            }
            case BR_IF -> {
                int f = s.label(Immediates.index(insn));
                s.pop(NumType.I32);
                var types = ctrls.labelTypes(f);
                s.popAll(types);
                s.pushAll(types);
            }
            case BR_TABLE -> brTable(Immediates.as(Instruction.BrTable.class, insn));
            case BR_ON_NULL -> {
                int f = s.label(Immediates.index(insn));
                var ref = s.popRef();
                var types = ctrls.labelTypes(f);
                s.popAll(types);
                s.pushAll(types);
                s.push(nonNull(ref));
            }
            case BR_ON_NON_NULL -> brOnNonNull(Immediates.index(insn));
            case RETURN -> {
                s.popAll(s.results());
                s.setUnreachable();
            }
            case THROW -> {
                s.popAll(ctx.params(tagType(Immediates.index(insn))));
                s.setUnreachable();
            }
            case THROW_REF -> {
                s.pop(RefType.EXNREF);
                s.setUnreachable();
            }
            case CALL, RETURN_CALL -> {
                int f = Immediates.index(insn);
                if (!ModuleContext.inRange(f, ctx.functionCount())) throw s.error(Messages.unknown("function", f));
                call(ctx.functionTypeIndex(f), op == Opcode.RETURN_CALL);
            }
            case CALL_INDIRECT, RETURN_CALL_INDIRECT -> {
                var ti = Immediates.twoIndex(insn);
                int table = ti.second();
                int type = ti.first();
                if (!ModuleContext.inRange(table, ctx.tableCount())) throw s.error(Messages.unknown("table", table));
                typeIndex(type);
                var tt = ctx.table(table);
                if (!s.sub.matches(tt.elementType(), RefType.FUNCREF)) {
                    throw s.error("type mismatch: " + op.mnemonic() + " requires a table of function references but table "
                            + Integer.toUnsignedString(table) + " holds " + tt.elementType().text());
                }
                s.pop(tt.limits().addressType());
                call(type, op == Opcode.RETURN_CALL_INDIRECT);
            }
            case CALL_REF, RETURN_CALL_REF -> {
                int type = typeIndex(Immediates.index(insn));
                s.pop(ctx.concreteRef(type, true));
                call(type, op == Opcode.RETURN_CALL_REF);
            }
            default -> throw new AssertionError(op);
        }
    }

    /** The shared tail of every call: arguments in, results out, or for a tail call a matching result type and dead code. */
    private void call(int typeIndex, boolean tail) {
        var results = ctx.results(typeIndex);
        if (tail && !s.matchesAll(results, s.results())) {
            throw s.error("type mismatch: tail call returns " + Messages.types(results) + " but the function returns "
                    + Messages.types(s.results()));
        }
        s.popAll(ctx.params(typeIndex));
        if (tail) s.setUnreachable();
        else s.pushAll(results);
    }

    private int typeIndex(int index) {
        if (!ModuleContext.inRange(index, ctx.typeCount())) throw s.error(Messages.unknown("type", index));
        return index;
    }

    private int tagType(int tag) {
        if (!ModuleContext.inRange(tag, ctx.tagCount())) throw s.error(Messages.unknown("tag", tag));
        return ctx.tagTypeIndex(tag);
    }

    private void blockType(BlockType bt) {
        switch (bt) {
            case BlockType.Empty e -> {
                start = NONE;
                end = NONE;
            }
            case BlockType.Value val -> {
                var t = val.type();
                s.checkValType(t);
                start = NONE;
                end = switch (t) {
                    case NumType n -> SINGLE_NUM[n.ordinal()];
                    case VecType x -> SINGLE_V128;
                    case RefType r -> new ValType[] {r};
                };
            }
            case BlockType.TypeIndex ti -> {
                int x = typeIndex(ti.index());
                start = ctx.params(x);
                end = ctx.results(x);
            }
        }
    }

    private void elseBranch() {
        int f = ctrls.size() - 1;
        if (ctrls.kind(f) != Opcode.IF) throw s.malformed(MalformedModuleException.END_EXPECTED, "(else outside an if)");
        var params = ctrls.startTypes(f);
        var results = ctrls.endTypes(f);
        s.popCtrl();
        s.pushCtrl(Opcode.ELSE, params, results);
    }

    private void end() {
        int f = s.popCtrl();
        var params = ctrls.startTypes(f);
        var results = ctrls.endTypes(f);
        // An if without else has an implicit empty else, which passes the parameters through as results.
        if (ctrls.kind(f) == Opcode.IF && !s.matchesAll(params, results)) {
            throw s.error("type mismatch: if without else must have matching parameter and result types, but has "
                    + Messages.types(params) + " -> " + Messages.types(results));
        }
        s.pushAll(results);
        if (ctrls.size() == 0) s.markDone();
    }

    private void brTable(Instruction.BrTable bt) {
        s.pop(NumType.I32);
        int defaultFrame = s.label(bt.defaultLabel());
        int arity = ctrls.labelTypes(defaultFrame).length;
        var labels = bt.labels();
        for (int i = 0; i < labels.size(); i++) {
            int f = s.label(labels.get(i));
            var types = ctrls.labelTypes(f);
            if (types.length != arity) {
                throw s.error("type mismatch: br_table targets carry " + types.length + " and " + arity + " values");
            }
            s.popAndPushBack(types);
        }
        s.popAll(ctrls.labelTypes(defaultFrame));
        s.setUnreachable();
    }

    private void brOnNonNull(int label) {
        int f = s.label(label);
        var ref = s.popRef();
        var types = ctrls.labelTypes(f);
        int n = types.length;
        if (n == 0 || !s.sub.matches(nonNull(ref), types[n - 1])) {
            throw s.error("type mismatch: br_on_non_null passes " + Messages.text(nonNull(ref))
                    + " to a label that takes " + Messages.types(types));
        }
        s.popPrefix(types, n - 1);
        s.pushPrefix(types, n - 1);
    }

    private void tryTable(Instruction.TryTable tt) {
        blockType(tt.type());
        var params = start;
        var results = end;
        // Catch labels are relative to the enclosing block: they are checked before the frame is pushed.
        for (var c : tt.catches()) {
            var types = ctrls.labelTypes(s.label(c.label()));
            var carried = c.kind().hasTag() ? ctx.params(tagType(c.tag())) : NONE;
            if (!catchMatches(carried, c.kind(), types)) {
                throw s.error("type mismatch: " + c.kind().text() + " passes " + Messages.types(carried)
                        + (c.kind().pushesExnRef() ? " and (ref exn)" : "") + " to a label that takes " + Messages.types(types));
            }
        }
        s.popAll(params);
        s.pushCtrl(Opcode.TRY_TABLE, params, results);
    }

    private boolean catchMatches(ValType[] params, Catch.Kind kind, ValType[] label) {
        int n = params.length + (kind.pushesExnRef() ? 1 : 0);
        if (label.length != n) return false;
        for (int i = 0; i < params.length; i++) if (!s.sub.matches(params[i], label[i])) return false;
        return !kind.pushesExnRef() || s.sub.matches(EXN_NON_NULL, label[n - 1]);
    }

    private RefType nonNull(RefType r) {
        return r.nullable() ? ctx.refType(r.heap(), false) : r;
    }
}

package flint.wasm.validate;

import flint.wasm.model.Instruction;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.TableType;

/** Typing of the table instructions and elem.drop. */
final class TableRules {
    private final TypingState s;
    private final ModuleContext ctx;

    TableRules(TypingState s) {
        this.s = s;
        this.ctx = s.ctx;
    }

    void apply(Opcode op, Instruction insn) {
        switch (op) {
            case TABLE_GET -> {
                var t = table(Immediates.index(insn));
                s.pop(t.limits().addressType());
                s.push(t.elementType());
            }
            case TABLE_SET -> {
                var t = table(Immediates.index(insn));
                s.pop(t.elementType());
                s.pop(t.limits().addressType());
            }
            case TABLE_SIZE -> s.push(table(Immediates.index(insn)).limits().addressType());
            case TABLE_GROW -> {
                var t = table(Immediates.index(insn));
                s.pop(t.limits().addressType());
                s.pop(t.elementType());
                s.push(t.limits().addressType());
            }
            case TABLE_FILL -> {
                var t = table(Immediates.index(insn));
                s.pop(t.limits().addressType());
                s.pop(t.elementType());
                s.pop(t.limits().addressType());
            }
            case TABLE_COPY -> {
                var ti = Immediates.twoIndex(insn);
                var dst = table(ti.first());
                var src = table(ti.second());
                if (!s.sub.matches(src.elementType(), dst.elementType())) {
                    throw s.error("type mismatch: table.copy from a table of " + src.elementType().text()
                            + " to a table of " + dst.elementType().text());
                }
                boolean both64 = dst.limits().address64() && src.limits().address64();
                s.pop(both64 ? NumType.I64 : NumType.I32);
                s.pop(src.limits().addressType());
                s.pop(dst.limits().addressType());
            }
            case TABLE_INIT -> {
                // Binary order: element index, then table index. The table is checked first, as the reference does.
                var ti = Immediates.twoIndex(insn);
                var t = table(ti.second());
                checkElem(ti.first());
                var et = ctx.elemType(ti.first());
                if (!s.sub.matches(et, t.elementType())) {
                    throw s.error("type mismatch: table.init of a segment of " + et.text() + " into a table of "
                            + t.elementType().text());
                }
                s.pop(NumType.I32);
                s.pop(NumType.I32);
                s.pop(t.limits().addressType());
            }
            case ELEM_DROP -> checkElem(Immediates.index(insn));
            default -> throw new AssertionError(op);
        }
    }

    void checkElem(int x) {
        if (!ModuleContext.inRange(x, ctx.elemCount())) throw s.error(Messages.unknown("elem segment", x));
    }

    private TableType table(int x) {
        if (!ModuleContext.inRange(x, ctx.tableCount())) throw s.error(Messages.unknown("table", x));
        return ctx.table(x);
    }
}

package flint.wasm.validate;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.Instruction;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;

/** Typing of the parametric instructions (drop, both selects) and the reference instructions. */
final class ReferenceRules {
    private static final RefType EQREF = new RefType(true, AbsHeapType.EQ);

    private final TypingState s;
    private final ModuleContext ctx;

    ReferenceRules(TypingState s) {
        this.s = s;
        this.ctx = s.ctx;
    }

    void apply(Opcode op, Instruction insn) {
        switch (op) {
            case DROP -> s.setPolymorphic(s.popAny());
            case SELECT -> select();
            case SELECT_T -> {
                var types = Immediates.as(Instruction.SelectTyped.class, insn).types();
                if (types.size() != 1) throw s.error("invalid result arity");
                var t = types.getFirst();
                s.checkValType(t);
                s.pop(NumType.I32);
                s.pop(t);
                s.pop(t);
                s.push(t);
                s.setPolymorphic(t);
            }
            case REF_NULL -> {
                var heap = Immediates.as(Instruction.RefNull.class, insn).type();
                s.checkHeapType(heap);
                s.push(ctx.refType(heap, true));
            }
            case REF_IS_NULL -> {
                s.popRef();
                s.push(NumType.I32);
            }
            case REF_FUNC -> {
                int f = Immediates.index(insn);
                if (!ModuleContext.inRange(f, ctx.functionCount())) throw s.error(Messages.unknown("function", f));
                if (!ctx.isDeclaredRef(f)) throw s.error("undeclared function reference");
                s.push(ctx.concreteRef(ctx.functionTypeIndex(f), false));
            }
            case REF_EQ -> {
                s.pop(EQREF);
                s.pop(EQREF);
                s.push(NumType.I32);
            }
            case REF_AS_NON_NULL -> {
                var r = s.popRef();
                s.push(r.nullable() ? ctx.refType(r.heap(), false) : r);
            }
            default -> throw new AssertionError(op);
        }
    }

    /**
     * Untyped select: both operands of one number or vector type (references need the typed form,
     * so that an engine never has to compute a least upper bound). Unknown operands take the type
     * of the other; two unknowns give an unknown result.
     */
    private void select() {
        s.pop(NumType.I32);
        var t1 = s.popAny();
        var t2 = s.popAny();
        if (t1 instanceof RefType || t2 instanceof RefType || (t1 != null && t2 != null && t1 != t2)) {
            throw s.error("type mismatch: select without a type needs two operands of one number or vector type, but has ["
                    + Messages.text(t2) + " " + Messages.text(t1) + "]");
        }
        ValType t = t1 != null ? t1 : t2;
        s.push(t);
        s.setPolymorphic(t);
    }
}

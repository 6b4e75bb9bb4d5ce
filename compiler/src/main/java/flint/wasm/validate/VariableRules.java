package flint.wasm.validate;

import flint.wasm.model.GlobalType;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;

/** Typing of local and global access, including the initialization of non-defaultable locals. */
final class VariableRules {
    private final TypingState s;
    private final ModuleContext ctx;
    private final Locals locals;

    VariableRules(TypingState s) {
        this.s = s;
        this.ctx = s.ctx;
        this.locals = s.locals;
    }

    void apply(Opcode op, Instruction insn) {
        int x = Immediates.index(insn);
        switch (op) {
            case LOCAL_GET -> {
                var t = localType(x);
                if (!locals.isInitialized(x, t)) throw s.error("uninitialized local " + Integer.toUnsignedString(x));
                s.push(t);
            }
            case LOCAL_SET -> {
                var t = localType(x);
                s.pop(t);
                locals.initialize(x, t);
            }
            case LOCAL_TEE -> {
                var t = localType(x);
                s.pop(t);
                locals.initialize(x, t);
                s.push(t);
            }
            case GLOBAL_GET -> s.push(global(x).type());
            case GLOBAL_SET -> {
                var g = global(x);
                if (!g.mutable()) throw s.error("immutable global " + Integer.toUnsignedString(x));
                s.pop(g.type());
            }
            default -> throw new AssertionError(op);
        }
    }

    private ValType localType(int x) {
        if (!locals.contains(x)) throw s.error(Messages.unknown("local", x));
        return locals.type(x);
    }

    private GlobalType global(int x) {
        if (!ModuleContext.inRange(x, ctx.globalCount())) throw s.error(Messages.unknown("global", x));
        return ctx.global(x);
    }
}

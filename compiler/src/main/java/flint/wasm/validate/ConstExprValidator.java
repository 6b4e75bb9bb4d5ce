package flint.wasm.validate;

import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.Instruction;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;

/**
 * Constant expressions (global, table and segment initializers, segment offsets), Wasm 3.0 rules:
 * constants, {@code ref.null}, {@code ref.func}, {@code global.get} of an immutable global the
 * expression may see, and the extended-const arithmetic {@code i32/i64.add/sub/mul}.
 *
 * <p>Which globals an expression may see depends on where it is: a global's initializer sees the
 * imported globals and the globals defined before it, a table's initializer only the imported
 * ones, segments all of them. Constness is checked over the whole expression before its type, as
 * the reference interpreter does: {@code (global i32 (nop))} is "constant expression required",
 * not "type mismatch".
 */
final class ConstExprValidator {
    private final ModuleContext ctx;

    ConstExprValidator(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param visibleGlobals how many globals (from index 0) the expression may read
     * @param where          the expression's place in the module, for messages
     */
    void check(ConstExpr expr, ValType expected, int visibleGlobals, String where) {
        var insns = expr.instructions();
        for (var insn : insns) checkConstant(insn, visibleGlobals, where);
        var stack = new ValType[insns.size()];
        int size = 0;
        for (var insn : insns) {
            switch (insn.opcode()) {
                case I32_ADD, I32_SUB, I32_MUL, I64_ADD, I64_SUB, I64_MUL -> {
                    var t = insn.opcode().mnemonic().startsWith("i32") ? NumType.I32 : NumType.I64;
                    if (size < 2 || stack[size - 1] != t || stack[size - 2] != t) {
                        throw new InvalidModuleException("type mismatch: " + insn.opcode().mnemonic() + " requires ["
                                + t + " " + t + "] but stack has " + Messages.types(stack, Math.max(0, size - 2), size), where);
                    }
                    size--;
                }
                default -> stack[size++] = typeOf(insn);
            }
        }
        if (size != 1 || !ctx.subtyping().matches(stack[0], expected)) {
            throw new InvalidModuleException("type mismatch: constant expression requires [" + expected.text()
                    + "] but has " + Messages.types(stack, 0, size), where);
        }
    }

    private void checkConstant(Instruction insn, int visibleGlobals, String where) {
        switch (insn.opcode()) {
            case I32_CONST, I64_CONST, F32_CONST, F64_CONST, V128_CONST,
                 I32_ADD, I32_SUB, I32_MUL, I64_ADD, I64_SUB, I64_MUL -> { }
            case REF_NULL -> {
                if (insn instanceof Instruction.RefNull r && r.type() instanceof ConcreteHeapType c
                        && !ModuleContext.inRange(c.typeIndex(), ctx.typeCount())) {
                    throw new InvalidModuleException(Messages.unknown("type", c.typeIndex()), where);
                }
            }
            case REF_FUNC -> {
                int f = Immediates.index(insn);
                if (!ModuleContext.inRange(f, ctx.functionCount())) {
                    throw new InvalidModuleException(Messages.unknown("function", f), where);
                }
            }
            case GLOBAL_GET -> {
                int g = Immediates.index(insn);
                if (!ModuleContext.inRange(g, visibleGlobals)) throw new InvalidModuleException(Messages.unknown("global", g), where);
                if (ctx.global(g).mutable()) {
                    throw new InvalidModuleException("constant expression required: global "
                            + Integer.toUnsignedString(g) + " is mutable", where);
                }
            }
            default -> throw new InvalidModuleException("constant expression required: " + insn.opcode().mnemonic()
                    + " is not constant", where);
        }
    }

    private ValType typeOf(Instruction insn) {
        return switch (insn) {
            case Instruction.I32Const c -> NumType.I32;
            case Instruction.I64Const c -> NumType.I64;
            case Instruction.F32Const c -> NumType.F32;
            case Instruction.F64Const c -> NumType.F64;
            case Instruction.V128Const c -> VecType.V128;
            case Instruction.RefNull r -> ctx.refType(r.type(), true);
            case Instruction.Indexed ix when ix.opcode() == Opcode.REF_FUNC ->
                    ctx.concreteRef(ctx.functionTypeIndex(ix.index()), false);
            case Instruction.Indexed ix -> ctx.global(ix.index()).type(); // global.get, checked above
            default -> throw Immediates.shape(insn);
        };
    }
}

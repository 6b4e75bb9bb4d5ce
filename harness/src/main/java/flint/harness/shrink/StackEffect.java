package flint.harness.shrink;

import flint.wasm.model.FuncType;
import flint.wasm.model.Instruction;
import flint.wasm.validate.FunctionValidator;
import flint.wasm.validate.ModuleContext;

/**
 * How many operands an instruction pops and how many results it pushes, for the instructions that
 * are not structured (blocks are handled by {@link BodyAnalysis} as units). Fixed signatures come
 * from {@link flint.wasm.model.Opcode#signature()}; the rest depend on the module or on the
 * enclosing labels, which the validator (queried before it sees the instruction) knows.
 *
 * @param transfers whether control never falls through (br, return, unreachable, throw...): what
 *                  follows is unreachable and its operand stack is polymorphic
 */
record StackEffect(int pops, int pushes, boolean transfers) {

    static StackEffect of(int pops, int pushes) { return new StackEffect(pops, pushes, false); }

    static StackEffect jump(int pops) { return new StackEffect(pops, 0, true); }

    /** The effect of {@code insn} at the point {@code v} has reached, or null if unknown to this model. */
    static StackEffect of(Instruction insn, FunctionValidator v) {
        var op = insn.opcode();
        var signature = op.signature();
        if (signature != null) {
            int colon = signature.indexOf(':');
            return of(colon, signature.length() - colon - 1);
        }
        ModuleContext ctx = v.context();
        try {
            return switch (op) {
                case UNREACHABLE -> jump(0);
                case BR -> jump(v.labelArity(index(insn)));
                case BR_IF -> of(v.labelArity(index(insn)) + 1, v.labelArity(index(insn)));
                case BR_TABLE -> jump(v.labelArity(((Instruction.BrTable) insn).defaultLabel()) + 1);
                case BR_ON_NULL -> of(v.labelArity(index(insn)) + 1, v.labelArity(index(insn)) + 1);
                case BR_ON_NON_NULL -> of(v.labelArity(index(insn)), v.labelArity(index(insn)) - 1);
                case RETURN -> jump(v.functionType().results().size());
                case CALL -> call(ctx.type(ctx.functionTypeIndex(index(insn))), 0);
                case RETURN_CALL -> jump(ctx.type(ctx.functionTypeIndex(index(insn))).params().size());
                case CALL_INDIRECT -> call(ctx.type(((Instruction.TwoIndex) insn).first()), 1);
                case RETURN_CALL_INDIRECT -> jump(ctx.type(((Instruction.TwoIndex) insn).first()).params().size() + 1);
                case CALL_REF -> call(ctx.type(index(insn)), 1);
                case RETURN_CALL_REF -> jump(ctx.type(index(insn)).params().size() + 1);
                case THROW -> jump(ctx.type(ctx.tagTypeIndex(index(insn))).params().size());
                case THROW_REF -> jump(1);
                case DROP -> of(1, 0);
                case SELECT, SELECT_T -> of(3, 1);
                case LOCAL_GET, GLOBAL_GET, REF_NULL, REF_FUNC, TABLE_SIZE -> of(0, 1);
                case LOCAL_SET, GLOBAL_SET -> of(1, 0);
                case LOCAL_TEE, TABLE_GET, REF_IS_NULL, REF_AS_NON_NULL -> of(1, 1);
                case REF_EQ -> of(2, 1);
                case TABLE_SET -> of(2, 0);
                case TABLE_GROW -> of(2, 1);
                case TABLE_FILL, TABLE_COPY, TABLE_INIT, MEMORY_INIT, MEMORY_COPY, MEMORY_FILL -> of(3, 0);
                default -> null;
            };
        } catch (RuntimeException e) {
            return null; // an index out of range: the validator will reject the instruction anyway
        }
    }

    private static StackEffect call(FuncType type, int extra) {
        return of(type.params().size() + extra, type.results().size());
    }

    private static int index(Instruction insn) {
        return ((Instruction.Indexed) insn).index();
    }
}

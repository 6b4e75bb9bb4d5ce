package flint.compiler.driver;

import flint.compiler.microwasm.DropRange;
import flint.compiler.microwasm.FunctionHeader;
import flint.compiler.microwasm.Label;
import flint.compiler.microwasm.MicroOp;
import java.util.List;

/**
 * What the {@link BackendDriver} needs of a code generator: straight-line work, and jumps whose
 * targets' conventions the driver has already settled. The backend keeps the value stack; the
 * driver keeps the blocks.
 *
 * <p>Order of calls per function: {@link #beginFunction}, then any sequence of
 * {@link #straightLine}, jumps ({@link #jump}, {@link #takeOperand} followed by
 * {@link #branchIf} or {@link #branchTable}, {@link #unreachable}) and {@link #enterBlock}, then
 * {@link #endFunction}. After a jump or {@code unreachable} the next call is {@link #enterBlock}
 * or {@link #endFunction}.
 *
 * @param <S> an immutable description of a stack state: a block's convention
 */
public interface Backend<S> {

    void beginFunction(FunctionHeader header);

    /**
     * Called before each operator that will be compiled, with its position in the function's
     * Microwasm (counting every operator, dead ones too), for listings; does nothing by default.
     */
    default void annotate(MicroOp op, int index) {}

    /** An operator that is not a block or jump operator. */
    void straightLine(MicroOp op);

    /**
     * The stack as it would be after dropping {@code drop}, locations as they are: the convention
     * of a block with a single forward caller, which takes over its caller's locations.
     */
    S handOver(DropRange drop);

    /**
     * A new convention for a block reached by several jumps (or a loop header), fitted to the
     * stack after dropping {@code drop}: the first jump to a block fixes its convention.
     */
    S newConvention(DropRange drop, boolean loopHeader);

    /** Pops the condition of a {@code br_if} or the index of a {@code br_table}, before their edges are settled. */
    void takeOperand();

    void jump(Edge<S> edge);

    /** Branches on the operand {@link #takeOperand} took: non-zero goes to {@code ifTrue}. */
    void branchIf(Edge<S> ifTrue, Edge<S> ifFalse);

    /** Branches on the index {@link #takeOperand} took. */
    void branchTable(List<Edge<S>> targets, Edge<S> defaultTarget);

    void unreachable();

    /** Block {@code label} starts here, control arriving with the stack in {@code convention}. */
    void enterBlock(Label label, S convention, boolean loopHeader);

    void endFunction();
}

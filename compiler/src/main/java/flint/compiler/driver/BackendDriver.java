package flint.compiler.driver;

import flint.compiler.microwasm.BlockInfo;
import flint.compiler.microwasm.BrTarget;
import flint.compiler.microwasm.FunctionHeader;
import flint.compiler.microwasm.Label;
import flint.compiler.microwasm.MicroOp;
import flint.compiler.microwasm.MicrowasmSink;
import flint.compiler.microwasm.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The loop over a function's Microwasm: keeps each block's calling convention and hands the
 * backend straight-line work and jumps between settled conventions.
 *
 * <p>A block's convention (where it expects each stack entry when control arrives) is fixed the
 * first time a jump targets it:
 * <ul>
 *   <li>a block declared with exactly one caller (an {@code if}'s arms, a {@code br_if}'s
 *       fall-through) takes its caller's locations as they are ({@link Backend#handOver}): no
 *       moves at all, constants stay constants, shared registers stay shared;
 *   <li>any other block, loop headers included, gets a convention fitted to its first caller's
 *       state ({@link Backend#newConvention}); later callers move their values into it.
 * </ul>
 * Code after a terminator is never compiled, and neither is a block no compiled jump reaches.
 *
 * @param <S> the backend's convention type
 */
public final class BackendDriver<S> implements MicrowasmSink {

    private static final class Block<S> {
        final MicroOp.DeclareBlock declaration;
        S convention;

        Block(MicroOp.DeclareBlock declaration) {
            this.declaration = declaration;
        }

        boolean singleCaller() {
            return declaration.numCallers().isPresent() && declaration.numCallers().getAsInt() == 1
                    && !declaration.hasBackwardCallers();
        }
    }

    private final Backend<S> backend;
    private final Map<Label, Block<S>> blocks = new HashMap<>();
    private boolean live;
    private boolean inFunction;
    /** The position of the next operator in the function's Microwasm. */
    private int index;

    public BackendDriver(Backend<S> backend) {
        this.backend = backend;
    }

    @Override
    public void beginFunction(FunctionHeader header) {
        blocks.clear();
        live = true;
        index = 0;
        inFunction = true;
        backend.beginFunction(header);
    }

    @Override
    public void op(MicroOp op) {
        int at = index++;
        switch (op) {
            case MicroOp.DeclareBlock d -> blocks.put(d.label(), new Block<>(d));
            case MicroOp.DefineLabel d -> {
                var block = block(d.label());
                live = block.convention != null;
                if (live) {
                    backend.annotate(op, at);
                    backend.enterBlock(d.label(), block.convention, block.declaration.hasBackwardCallers());
                }
            }
            default -> {
                if (!live) return;
                backend.annotate(op, at);
                switch (op) {
                    case MicroOp.Br br -> backend.jump(edge(br.target()));
                    case MicroOp.BrIf b -> {
                        backend.takeOperand();
                        var ifTrue = edge(b.ifTrue());
                        var ifFalse = edge(b.ifFalse());
                        backend.branchIf(ifTrue, ifFalse);
                    }
                    case MicroOp.BrTable t -> {
                        backend.takeOperand();
                        var targets = new ArrayList<Edge<S>>(t.targets().size());
                        for (var target : t.targets()) targets.add(edge(target));
                        backend.branchTable(targets, edge(t.defaultTarget()));
                    }
                    case MicroOp.Unreachable u -> backend.unreachable();
                    default -> backend.straightLine(op);
                }
                if (op.isTerminator()) live = false;
            }
        }
    }

    @Override
    public void endFunction(List<BlockInfo> info) {
        if (!inFunction) throw new IllegalStateException("endFunction without beginFunction");
        inFunction = false;
        backend.endFunction();
    }

    private Block<S> block(Label label) {
        var block = blocks.get(label);
        if (block == null) throw new IllegalStateException(label + " used before it is declared");
        return block;
    }

    /** The edge of {@code target}, fixing the target block's convention if this is its first jump. */
    private Edge<S> edge(BrTarget target) {
        if (target.target() == Target.RETURN) return new Edge<>(Target.RETURN, target.drop(), null);
        var label = (Label) target.target();
        var block = block(label);
        if (block.convention == null) {
            block.convention = block.singleCaller()
                    ? backend.handOver(target.drop())
                    : backend.newConvention(target.drop(), block.declaration.hasBackwardCallers());
        }
        return new Edge<>(label, target.drop(), block.convention);
    }
}

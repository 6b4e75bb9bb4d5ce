package flint.compiler.microwasm.interp;

import flint.compiler.microwasm.BrTarget;
import flint.compiler.microwasm.Label;
import flint.compiler.microwasm.MicroOp;
import flint.compiler.microwasm.MicrowasmFunction;
import java.util.HashMap;
import java.util.Map;

/**
 * A function's Microwasm with every jump resolved to an operator index, so the interpreter never
 * looks a label up while running. {@link #RETURN} stands for {@link flint.compiler.microwasm.Target#RETURN}.
 */
final class PreparedFunction {
    static final int RETURN = -1;

    final MicrowasmFunction source;
    final MicroOp[] ops;
    final int paramCount;
    final int resultCount;
    /** For each jump at index i: where its first (or only) target starts. */
    final int[] taken;
    /** For each {@code BrIf} at index i: where its {@code ifFalse} target starts. */
    final int[] notTaken;
    /** For each {@code BrTable} at index i: where each target starts, the default last. */
    final int[][] table;

    PreparedFunction(MicrowasmFunction function) {
        this.source = function;
        this.ops = function.ops().toArray(MicroOp[]::new);
        this.paramCount = function.header().type().params().size();
        this.resultCount = function.header().type().results().size();
        Map<Label, Integer> starts = new HashMap<>();
        for (int i = 0; i < ops.length; i++) {
            if (ops[i] instanceof MicroOp.DefineLabel d) starts.put(d.label(), i + 1);
        }
        taken = new int[ops.length];
        notTaken = new int[ops.length];
        table = new int[ops.length][];
        for (int i = 0; i < ops.length; i++) {
            switch (ops[i]) {
                case MicroOp.Br br -> taken[i] = resolve(starts, br.target());
                case MicroOp.BrIf b -> {
                    taken[i] = resolve(starts, b.ifTrue());
                    notTaken[i] = resolve(starts, b.ifFalse());
                }
                case MicroOp.BrTable t -> {
                    var pcs = new int[t.targets().size() + 1];
                    for (int k = 0; k < t.targets().size(); k++) pcs[k] = resolve(starts, t.targets().get(k));
                    pcs[pcs.length - 1] = resolve(starts, t.defaultTarget());
                    table[i] = pcs;
                }
                default -> { }
            }
        }
    }

    private static int resolve(Map<Label, Integer> starts, BrTarget target) {
        if (!(target.target() instanceof Label label)) return RETURN;
        var pc = starts.get(label);
        if (pc == null) throw new IllegalStateException("jump to " + label + ", which is never defined");
        return pc;
    }
}

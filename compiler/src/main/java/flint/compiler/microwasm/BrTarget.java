package flint.compiler.microwasm;

import java.util.Objects;

/**
 * One way out of a jump: the target, and the stack entries removed on the way (only on this way:
 * a {@link MicroOp.BrIf} or {@link MicroOp.BrTable} drops the range of the target it takes). After
 * the drop the stack is exactly the target's parameters: for a label, the {@code params} of its
 * {@link MicroOp.DeclareBlock}; for {@link Target#RETURN}, the function's results.
 */
public record BrTarget(Target target, DropRange drop) {

    public BrTarget {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(drop, "drop");
    }

    /** A jump that passes the whole stack as it is. */
    public static BrTarget to(Target target) { return new BrTarget(target, DropRange.NONE); }

    @Override public String toString() {
        return drop.isEmpty() ? target.toString() : target + " drop " + drop;
    }
}

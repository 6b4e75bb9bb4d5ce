package flint.compiler.driver;

import flint.compiler.microwasm.DropRange;
import flint.compiler.microwasm.Target;
import java.util.Objects;

/**
 * One way control can leave a jump: where it goes, what it drops on the way, and the convention
 * of the block it enters (where the block expects each stack entry), or null for
 * {@link Target#RETURN}, whose convention is the ABI's result slots.
 *
 * @param <S> the backend's description of a stack state
 */
public record Edge<S>(Target target, DropRange drop, S convention) {
    public Edge {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(drop, "drop");
        if ((convention == null) != (target == Target.RETURN)) {
            throw new IllegalArgumentException("a block edge needs a convention, a return edge has none: " + target);
        }
    }

    public boolean isReturn() {
        return target == Target.RETURN;
    }
}

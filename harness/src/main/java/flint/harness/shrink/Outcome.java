package flint.harness.shrink;

import flint.harness.engine.TrapKind;
import flint.wasm.value.Value;
import java.util.List;

/**
 * What one engine did with one step (instantiating, or calling one export), reduced to what a
 * divergence signature compares: results by bits, traps by kind. {@link Failed} and
 * {@link TimedOut} are the engine's or the harness's trouble, never a verdict on the module.
 */
sealed interface Outcome {
    record Returned(List<Value> values) implements Outcome {
        public Returned { values = List.copyOf(values); }
    }

    record Trapped(TrapKind kind) implements Outcome {}

    /** An uncaught Wasm exception. */
    record Threw() implements Outcome {}

    /** The engine rejected the module (malformed, invalid, unlinkable) although Flint's validator accepted it. */
    record Rejected() implements Outcome {}

    record Failed(String message) implements Outcome {}

    record TimedOut() implements Outcome {}

    /** Whether this outcome says nothing about the module's semantics. */
    default boolean inconclusive() {
        return this instanceof Failed || this instanceof TimedOut;
    }

    /** A short description for a signature: what happened, without the values. */
    default String describe() {
        return switch (this) {
            case Returned r -> "returned";
            case Trapped t -> "trapped (" + t.kind().message() + ")";
            case Threw t -> "threw an exception";
            case Rejected r -> "rejected the module";
            case Failed f -> "failed";
            case TimedOut t -> "timed out";
        };
    }

    /** Whether two engines' outcomes agree: same kind, same trap kind, results equal by bits (references by nullness). */
    static boolean agree(Outcome a, Outcome b) {
        return switch (a) {
            case Returned(var x) when b instanceof Returned(var y) -> sameValues(x, y);
            default -> a.equals(b);
        };
    }

    private static boolean sameValues(List<Value> x, List<Value> y) {
        if (x.size() != y.size()) return false;
        for (int i = 0; i < x.size(); i++) {
            var u = x.get(i);
            var v = y.get(i);
            boolean same = switch (u) {
                case Value.FuncRef r when v instanceof Value.FuncRef s -> r.isNull() == s.isNull();
                case Value.ExternRef r when v instanceof Value.ExternRef s -> r.isNull() == s.isNull();
                case Value.ExnRef r when v instanceof Value.ExnRef s -> r.isNull() == s.isNull();
                default -> u.equals(v);
            };
            if (!same) return false;
        }
        return true;
    }
}

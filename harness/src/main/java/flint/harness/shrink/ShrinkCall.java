package flint.harness.shrink;

import flint.wasm.value.Value;
import java.util.List;
import java.util.Objects;

/**
 * One recorded call the predicate replays: an export's name and its arguments. The last call of a
 * {@link ShrinkSubject} is usually the one that shows the divergence; earlier ones set up state
 * (memory, globals, tables) for it.
 */
public record ShrinkCall(String export, List<Value> args) {
    public ShrinkCall {
        Objects.requireNonNull(export, "export");
        args = List.copyOf(args);
    }

    ShrinkCall withArgs(List<Value> replacement) { return new ShrinkCall(export, replacement); }

    @Override public String toString() {
        return export + "(" + String.join(", ", args.stream().map(Value::toString).toList()) + ")";
    }
}

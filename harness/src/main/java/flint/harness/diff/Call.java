package flint.harness.diff;

import flint.wasm.value.Value;
import java.util.List;
import java.util.Objects;

/** One call of an exported function with its arguments: what every engine is asked to do in one step. */
public record Call(String export, List<Value> args) {
    public Call {
        Objects.requireNonNull(export, "export");
        args = List.copyOf(args);
    }

    @Override public String toString() {
        return export + "(" + String.join(", ", args.stream().map(Value::toString).toList()) + ")";
    }
}

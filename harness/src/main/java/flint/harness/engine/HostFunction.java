package flint.harness.engine;

import flint.wasm.model.FuncType;
import flint.wasm.value.Value;
import java.util.List;
import java.util.Objects;

/**
 * A function implemented in Java, imported by a module.
 *
 * <p>The engine checks the arguments it passes against {@code type} and the results the body
 * returns: results of the wrong number or type become a {@link TrapKind#HOST_ERROR} trap, as does
 * any exception the body throws, except a {@link Trap}, which the body may throw on purpose to
 * trap with that kind.
 *
 * @param type the declared signature; the importing module's import type must equal it
 * @param body the implementation
 */
public record HostFunction(FuncType type, Body body) implements Extern {

    @FunctionalInterface
    public interface Body {
        /** Runs the function; {@code args} match {@code type().params()}. */
        List<Value> call(List<Value> args);
    }

    public HostFunction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
    }
}

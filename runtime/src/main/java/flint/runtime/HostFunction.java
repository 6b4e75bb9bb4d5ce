package flint.runtime;

import flint.runtime.exec.HostCallback;
import flint.runtime.exec.TrapCode;
import flint.runtime.exec.TrapException;
import flint.wasm.model.FuncType;
import flint.wasm.model.ValType;
import flint.wasm.value.Value;
import java.util.List;
import java.util.Objects;

/**
 * A function implemented in Java that Wasm imports.
 *
 * <p>The body may throw {@link TrapException} to trap with a chosen code (letting a trap of a
 * nested call into Wasm pass through unchanged); anything else it throws, and results of the wrong
 * number or type, trap with {@link TrapCode#HOST_ERROR} and reach the Java caller of the outermost
 * call as that trap's cause. Nothing it throws ever crosses native frames.
 */
public final class HostFunction implements NativeFunction {

    @FunctionalInterface
    public interface Body {
        /** Runs the function; {@code args} match the parameter types. Returns one value per result. */
        List<Value> call(List<Value> args);
    }

    private final String name;
    private final FuncType type;
    private final Body body;

    /**
     * @param name for messages, e.g. {@code env.print}
     * @throws IllegalArgumentException if a parameter or result type cannot cross the native boundary
     */
    public HostFunction(String name, FuncType type, Body body) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.body = Objects.requireNonNull(body, "body");
        for (var t : type.params()) requireSupported(t);
        for (var t : type.results()) requireSupported(t);
    }

    private static void requireSupported(ValType type) {
        if (!ValueCodec.supports(type)) {
            throw new IllegalArgumentException("the native runtime cannot pass " + type.text() + " values to Java");
        }
    }

    public String name() {
        return name;
    }

    @Override
    public FuncType type() {
        return type;
    }

    /** Runs the body directly: a host function exported again and called from Java. */
    @Override
    public List<Value> call(List<Value> args) {
        NativeFunction.checkArguments(type, args);
        try {
            return invoke(List.copyOf(args));
        } catch (TrapException trap) {
            throw trap;
        } catch (Throwable failure) {
            throw new TrapException(TrapCode.HOST_ERROR, "host function " + name + " failed: " + failure, failure);
        }
    }

    /** The native side: what the upcall stub of this function runs in {@code codec}'s store. */
    HostCallback callback(ValueCodec codec) {
        return (vmctx, buffer) -> codec.writeSlots(invoke(codec.readSlots(type.params(), buffer)), buffer);
    }

    /** Runs the body and checks its results. */
    private List<Value> invoke(List<Value> args) {
        var results = body.call(args);
        if (results == null || results.size() != type.results().size()) {
            throw new IllegalStateException("host function " + name + " returned " + results + " where "
                    + type.results().size() + " results are declared");
        }
        for (int i = 0; i < results.size(); i++) {
            if (!ValueCodec.fits(type.results().get(i), results.get(i))) {
                throw new IllegalStateException("host function " + name + " returned " + results.get(i)
                        + " as result " + i + ", declared " + type.results().get(i).text());
            }
        }
        return results;
    }

    @Override
    public String toString() {
        return "HostFunction[" + name + " " + type + "]";
    }
}

package flint.harness.engine;

import flint.wasm.value.Value;
import java.util.List;

/**
 * A Wasm exception ({@code throw} of the exception-handling proposal) escaped the called function
 * (the spec testsuite's {@code assert_exception}). Not a trap: Wasm code could have caught it.
 */
public final class UncaughtWasmException extends EngineException {

    private final List<Value> payload;

    public UncaughtWasmException(List<Value> payload, String detail, Throwable cause) {
        super("uncaught exception", detail, cause);
        this.payload = List.copyOf(payload);
    }

    /** The values thrown with the tag. */
    public List<Value> payload() {
        return payload;
    }
}

package flint.harness.engine.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/**
 * Chicory's interpreter: the harness's reference engine. Pure Java, so a crash cannot take the JVM
 * down, and its behaviour is the one the other engines are measured against (except for SIMD,
 * which the published Chicory artifacts do not implement).
 */
public final class ChicoryEngine extends ChicoryEngineBase {

    public static final String NAME = "chicory";

    @Override public String name() {
        return NAME;
    }

    /**
     * Chicory's interpreter polls the thread's interrupt flag only at {@code br} and at calls, so a
     * loop closed by {@code br_if} or {@code return_call} could never be stopped. Polling on every
     * instruction through Chicory's execution listener costs one field read per instruction and
     * makes {@link flint.harness.engine.Instance#interrupt()} reliable.
     */
    private static final ExecutionListener POLL_INTERRUPT = (instruction, stack) -> {
        if (Thread.currentThread().isInterrupted()) {
            throw new ChicoryInterruptedException("Thread interrupted");
        }
    };

    @Override Function<Instance, Machine> machineFactory(WasmModule module) {
        return InterpreterMachine::new;
    }

    @Override Instance.Builder configure(Instance.Builder builder) {
        return builder.withUnsafeExecutionListener(POLL_INTERRUPT);
    }
}

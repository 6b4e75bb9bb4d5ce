package flint.harness.engine.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Objects;
import java.util.function.Function;

/**
 * Chicory's compiler, which translates each module to JVM bytecode: a third opinion for triage
 * that shares Chicory's runtime (memories, tables, traps) but not its interpreter loop.
 *
 * <p>Chicory silently interprets functions too large for a JVM method. Because an engine that
 * quietly becomes the reference interpreter is no third opinion, the default here is
 * {@link InterpreterFallback#FAIL}: such a module is an {@link flint.harness.engine.EngineFailure}.
 */
public final class ChicoryCompilerEngine extends ChicoryEngineBase {

    public static final String NAME = "chicory-compiler";

    private final InterpreterFallback fallback;

    public ChicoryCompilerEngine() {
        this(InterpreterFallback.FAIL);
    }

    public ChicoryCompilerEngine(InterpreterFallback fallback) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override public String name() {
        return NAME;
    }

    @Override Function<Instance, Machine> machineFactory(WasmModule module) {
        try {
            // compiled once here, so compiler failures are told apart from instantiation failures
            return MachineFactoryCompiler.builder(module).withInterpreterFallback(fallback).compile();
        } catch (RuntimeException | LinkageError e) {
            throw ChicoryFailures.compiling(e);
        }
    }
}

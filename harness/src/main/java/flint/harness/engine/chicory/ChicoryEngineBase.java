package flint.harness.engine.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import flint.harness.engine.Engine;
import flint.harness.engine.Imports;
import java.util.function.Function;

/**
 * What both Chicory engines share: decoding with Chicory's parser (which also validates), linking,
 * instantiation and exception translation. Subclasses choose how function bodies execute.
 */
abstract sealed class ChicoryEngineBase implements Engine permits ChicoryEngine, ChicoryCompilerEngine {

    private final ChicoryValues values = new ChicoryValues(new ExternRefTable());
    private final ChicoryLinker linker = new ChicoryLinker(this, values);

    /** The machine factory that runs {@code module}'s functions. */
    abstract Function<Instance, Machine> machineFactory(WasmModule module);

    /** Engine-specific instance options. */
    Instance.Builder configure(Instance.Builder builder) {
        return builder;
    }

    @Override public final flint.harness.engine.Instance instantiate(byte[] bytes, Imports imports) {
        WasmModule module;
        try {
            module = Parser.parse(bytes);
        } catch (RuntimeException e) {
            throw ChicoryFailures.decoding(e);
        }
        var machines = machineFactory(module);
        var importValues = linker.link(imports);
        Instance instance;
        try {
            instance = configure(Instance.builder(module))
                    .withImportValues(importValues)
                    .withMachineFactory(machines)
                    // Chicory would otherwise call an export named "_start" (a WASI convention)
                    // during instantiation; only the start section belongs to instantiation.
                    .withStart(false)
                    .build();
        } catch (Throwable t) {
            throw ChicoryFailures.running(t, ChicoryFailures.Phase.INSTANTIATE, values);
        }
        return new ChicoryInstance(this, instance, values);
    }

    @Override public String toString() {
        return name();
    }
}

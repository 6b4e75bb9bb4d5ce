package flint.harness.engine.frontend;

import flint.harness.engine.Engine;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.ExportDesc;
import flint.harness.engine.ExternType;
import flint.harness.engine.Instance;
import flint.harness.engine.MemoryView;
import flint.harness.engine.TableView;
import flint.wasm.model.WasmModule;
import flint.wasm.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A module the front end accepted: it knows its exports but has no state and cannot execute. */
final class ValidatedInstance implements Instance {
    private final Engine engine;
    private final List<ExportDesc> exports;

    ValidatedInstance(Engine engine, WasmModule module) {
        this.engine = engine;
        this.exports = describeExports(module);
    }

    private static List<ExportDesc> describeExports(WasmModule m) {
        var out = new ArrayList<ExportDesc>();
        for (var e : m.exports()) {
            ExternType type = switch (e.kind()) {
                case FUNC -> new ExternType.Func(m.functionType(e.index()));
                case TABLE -> new ExternType.Table(m.tableTypes().get(e.index()).elementType());
                case MEMORY -> new ExternType.Memory();
                case GLOBAL -> new ExternType.Global(m.globalTypes().get(e.index()));
                case TAG -> new ExternType.Tag(m.types().get(m.tagTypes().get(e.index()).typeIndex()));
            };
            out.add(new ExportDesc(e.name(), type));
        }
        return List.copyOf(out);
    }

    @Override public Engine engine() { return engine; }

    @Override public List<ExportDesc> exports() { return exports; }

    @Override public List<Value> call(String name, List<Value> args) { throw notExecutable(); }

    /** Nothing runs, so there is nothing to interrupt. */
    @Override public void interrupt() {}

    @Override public Optional<MemoryView> defaultMemory() { throw notExecutable(); }

    @Override public MemoryView memory(String name) { throw notExecutable(); }

    @Override public Value global(String name) { throw notExecutable(); }

    @Override public TableView table(String name) { throw notExecutable(); }

    private static EngineFailure notExecutable() {
        return new EngineFailure("the front end validates modules but does not execute them", null);
    }
}

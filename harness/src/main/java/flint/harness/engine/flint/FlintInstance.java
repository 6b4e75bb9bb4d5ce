package flint.harness.engine.flint;

import flint.harness.engine.Engine;
import flint.harness.engine.ExportDesc;
import flint.harness.engine.ExternType;
import flint.harness.engine.Instance;
import flint.harness.engine.MemoryView;
import flint.harness.engine.Signatures;
import flint.harness.engine.TableView;
import flint.runtime.Extern;
import flint.runtime.NativeFunction;
import flint.runtime.NativeGlobal;
import flint.runtime.NativeInstance;
import flint.runtime.NativeMemory;
import flint.runtime.NativeTable;
import flint.wasm.model.RefType;
import flint.wasm.value.Value;
import java.util.List;
import java.util.Optional;

/** A native instance seen through the harness's {@link Instance} interface. */
final class FlintInstance implements Instance {

    private final FlintEngine engine;
    private final NativeInstance instance;
    private final List<ExportDesc> exports;

    FlintInstance(FlintEngine engine, NativeInstance instance) {
        this.engine = engine;
        this.instance = instance;
        this.exports = instance.exports().entrySet().stream()
                .map(e -> new ExportDesc(e.getKey(), typeOf(e.getValue())))
                .toList();
    }

    private static ExternType typeOf(Extern extern) {
        return switch (extern) {
            case NativeFunction f -> new ExternType.Func(f.type());
            case NativeMemory m -> new ExternType.Memory();
            case NativeGlobal g -> new ExternType.Global(g.type());
            case NativeTable t -> new ExternType.Table(t.type().elementType());
        };
    }

    NativeInstance runtime() {
        return instance;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public List<ExportDesc> exports() {
        return exports;
    }

    @Override
    public List<Value> call(String name, List<Value> args) {
        var type = functionType(name);
        Signatures.checkArguments(name, type.params(), args);
        try {
            return instance.function(name).call(args);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw FlintFailures.translate(e, instance.module().compiled());
        }
    }

    /** Interrupts whatever runs in the engine's store: its instances share one execution context. */
    @Override
    public void interrupt() {
        instance.store().interrupt();
    }

    @Override
    public Optional<MemoryView> defaultMemory() {
        return instance.defaultMemory().map(FlintMemoryView::new);
    }

    @Override
    public MemoryView memory(String name) {
        return new FlintMemoryView(instance.memory(name));
    }

    @Override
    public Value global(String name) {
        return instance.global(name).get();
    }

    @Override
    public TableView table(String name) {
        var table = instance.table(name);
        return new TableView() {
            @Override
            public RefType elementType() {
                return table.type().elementType();
            }

            @Override
            public long size() {
                return table.size();
            }

            @Override
            public Value get(long index) {
                return table.get(index);
            }
        };
    }

    @Override
    public String toString() {
        return engine.name() + " instance " + exports;
    }
}

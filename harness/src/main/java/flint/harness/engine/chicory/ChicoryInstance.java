package flint.harness.engine.chicory;

import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.MutabilityType;
import flint.harness.engine.Engine;
import flint.harness.engine.ExportDesc;
import flint.harness.engine.ExternType;
import flint.harness.engine.Instance;
import flint.harness.engine.MemoryView;
import flint.harness.engine.Signatures;
import flint.harness.engine.TableView;
import flint.wasm.model.ExternKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.GlobalType;
import flint.wasm.model.RefType;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Chicory instance seen through the harness's {@link Instance} interface. */
final class ChicoryInstance implements Instance {
    private final ChicoryEngineBase engine;
    private final com.dylibso.chicory.runtime.Instance chicory;
    private final ChicoryValues values;
    private final Map<String, Export> chicoryExports = new LinkedHashMap<>();
    private final List<ExportDesc> exports;

    // Chicory stops when the calling thread is interrupted, so interrupt() needs that thread.
    private final Object callLock = new Object();
    private Thread callingThread; // guarded by callLock
    private boolean interruptSent; // guarded by callLock

    ChicoryInstance(ChicoryEngineBase engine, com.dylibso.chicory.runtime.Instance chicory, ChicoryValues values) {
        this.engine = engine;
        this.chicory = chicory;
        this.values = values;
        var section = chicory.module().exportSection();
        var descs = new ArrayList<ExportDesc>(section.exportCount());
        for (int i = 0; i < section.exportCount(); i++) {
            var export = section.getExport(i);
            chicoryExports.put(export.name(), export);
            descs.add(new ExportDesc(export.name(), typeOf(export)));
        }
        this.exports = List.copyOf(descs);
    }

    private ExternType typeOf(Export export) {
        int index = export.index();
        return switch (export.exportType()) {
            case FUNCTION -> new ExternType.Func(ChicoryTypes.toFlint(chicory.type(chicory.functionType(index))));
            case TABLE -> new ExternType.Table((RefType) ChicoryTypes.toFlint(chicory.table(index).elementType()));
            case MEMORY -> new ExternType.Memory();
            case GLOBAL -> {
                var global = chicory.global(index);
                yield new ExternType.Global(new GlobalType(ChicoryTypes.toFlint(global.getType()),
                        global.getMutabilityType() == MutabilityType.Var));
            }
            case TAG -> new ExternType.Tag(ChicoryTypes.toFlint(chicory.tag(index).type()));
        };
    }

    com.dylibso.chicory.runtime.Instance chicory() {
        return chicory;
    }

    Export chicoryExport(String name) {
        var export = chicoryExports.get(name);
        if (export == null) {
            throw new IllegalArgumentException("unknown export: " + name);
        }
        return export;
    }

    private Export chicoryExport(String name, ExternKind kind) {
        var export = chicoryExport(name);
        var desc = export(name).orElseThrow();
        if (desc.kind() != kind) {
            throw new IllegalArgumentException("export " + name + " is a " + desc.kind().text() + ", not a " + kind.text());
        }
        return export;
    }

    @Override public Engine engine() {
        return engine;
    }

    @Override public List<ExportDesc> exports() {
        return exports;
    }

    @Override public List<Value> call(String name, List<Value> args) {
        FuncType type = functionType(name);
        Signatures.checkArguments(name, type.params(), args);
        long[] slots = values.toSlots(type.params(), args, chicory);
        long[] results;
        Thread outer = enterCall();
        try {
            results = chicory.export(name).apply(slots);
        } catch (Throwable t) {
            throw ChicoryFailures.running(t, ChicoryFailures.Phase.CALL, values);
        } finally {
            exitCall(outer);
        }
        // Chicory returns null rather than an empty array for functions without results
        return values.fromSlots(type.results(), results == null ? new long[0] : results, chicory);
    }

    /** Records the calling thread; returns the one of an enclosing call (a host function re-entering). */
    private Thread enterCall() {
        synchronized (callLock) {
            Thread outer = callingThread;
            callingThread = Thread.currentThread();
            return outer;
        }
    }

    private void exitCall(Thread outer) {
        synchronized (callLock) {
            callingThread = outer;
            if (outer == null && interruptSent) {
                // Clear only the interrupt we sent, so the thread can run the next call; under the
                // lock, so a late interrupt() either lands before this or finds no call running.
                Thread.interrupted();
                interruptSent = false;
            }
        }
    }

    @Override public void interrupt() {
        synchronized (callLock) {
            if (callingThread != null) {
                interruptSent = true;
                callingThread.interrupt();
            }
        }
    }

    @Override public Optional<MemoryView> defaultMemory() {
        return Optional.ofNullable(chicory.memory()).map(ChicoryMemoryView::new);
    }

    @Override public MemoryView memory(String name) {
        return new ChicoryMemoryView(chicory.memory(chicoryExport(name, ExternKind.MEMORY).index()));
    }

    @Override public Value global(String name) {
        var global = chicory.global(chicoryExport(name, ExternKind.GLOBAL).index());
        var type = ChicoryTypes.toFlint(global.getType());
        // a funcref global's index refers to the instance that set it, which Chicory remembers
        var owner = global.getInstance() != null ? global.getInstance() : chicory;
        return values.fromSlots(List.of(type), slotsOf(global, type), owner).getFirst();
    }

    private static long[] slotsOf(com.dylibso.chicory.runtime.GlobalInstance global, flint.wasm.model.ValType type) {
        return type == flint.wasm.model.VecType.V128
                ? new long[] {global.getValueLow(), global.getValueHigh()}
                : new long[] {global.getValueLow()};
    }

    @Override public TableView table(String name) {
        var table = chicory.table(chicoryExport(name, ExternKind.TABLE).index());
        return new ChicoryTableView(table, chicory, values);
    }

    @Override public String toString() {
        return engine.name() + " instance " + exports;
    }
}

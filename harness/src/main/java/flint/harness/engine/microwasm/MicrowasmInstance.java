package flint.harness.engine.microwasm;

import flint.compiler.microwasm.MicrowasmModule;
import flint.compiler.microwasm.interp.ByteMemory;
import flint.compiler.microwasm.interp.Environment;
import flint.compiler.microwasm.interp.Interpreter;
import flint.harness.engine.Engine;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.ExportDesc;
import flint.harness.engine.ExternType;
import flint.harness.engine.Instance;
import flint.harness.engine.MemoryView;
import flint.harness.engine.Signatures;
import flint.harness.engine.TableView;
import flint.harness.engine.Trap;
import flint.harness.engine.TrapKind;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.ExternKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.MemoryType;
import flint.wasm.model.WasmModule;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An instance of a converted module: its functions (imported ones resolved to their
 * {@link Callee}s), memories, globals and tables, with the interpreter running its code.
 */
final class MicrowasmInstance implements Instance {

    /** Where an export points. */
    record ExportEntry(ExternKind kind, int index) {}

    private final MicrowasmEngine engine;
    private final WasmModule module;
    private final Interpreter interpreter;
    final Callee[] functions;
    final GlobalCell[] globals;
    final TableCell[] tables;
    final ByteMemory[] memories;
    final TagCell[] tags;
    private final List<ExportDesc> exports = new ArrayList<>();
    private final Map<String, ExportEntry> exportEntries = new LinkedHashMap<>();

    // interrupt() may only reach a running call; the lock orders it against the call's end.
    private final Object callLock = new Object();
    private int runningCalls; // guarded by callLock

    MicrowasmInstance(MicrowasmEngine engine, MicrowasmModule converted, ImportLinker.Linked linked) {
        this.engine = engine;
        this.module = converted.module();
        var m = module;

        functions = new Callee[m.importedFunctionCount() + m.functions().size()];
        int f = 0;
        for (var callee : linked.functions()) functions[f++] = callee;
        for (; f < functions.length; f++) functions[f] = new Callee.Defined(this, f, m.functionType(f));

        memories = new ByteMemory[linked.memories().size() + m.memories().size()];
        int mi = 0;
        for (var memory : linked.memories()) memories[mi++] = memory;
        for (var type : m.memories()) memories[mi++] = newMemory(type);

        globals = new GlobalCell[linked.globals().size() + m.globals().size()];
        var constants = new Constants(i -> globals[i].get(), i -> new Value.FuncRef(functions[i]));
        int g = 0;
        for (var cell : linked.globals()) globals[g++] = cell;
        for (var global : m.globals()) globals[g++] = new GlobalCell(global.type(), constants.evaluate(global.init()));

        tables = new TableCell[linked.tables().size() + m.tables().size()];
        int t = 0;
        for (var table : linked.tables()) tables[t++] = table;
        for (var table : m.tables()) {
            var init = table.init().map(constants::evaluate).orElseGet(() -> Value.zero(table.type().elementType()));
            tables[t++] = new TableCell(table.type(), init);
        }

        tags = new TagCell[linked.tags().size() + m.tags().size()];
        int x = 0;
        for (var tag : linked.tags()) tags[x++] = tag;
        for (var tag : m.tags()) tags[x++] = new TagCell(m.types().get(tag.typeIndex()), m);

        interpreter = new Interpreter(converted, new Env());
        describeExports();
    }

    private static ByteMemory newMemory(MemoryType type) {
        var limits = type.limits();
        try {
            return new ByteMemory(limits.min(), limits.max().orElse(-1));
        } catch (IllegalArgumentException e) {
            throw new EngineFailure(e.getMessage(), e);
        }
    }

    private void describeExports() {
        for (var e : module.exports()) {
            ExternType type = switch (e.kind()) {
                case FUNC -> new ExternType.Func(functions[e.index()].type());
                case TABLE -> new ExternType.Table(tables[e.index()].elementType());
                case MEMORY -> new ExternType.Memory();
                case GLOBAL -> new ExternType.Global(globals[e.index()].type);
                case TAG -> new ExternType.Tag(tags[e.index()].type());
            };
            exports.add(new ExportDesc(e.name(), type));
            exportEntries.put(e.name(), new ExportEntry(e.kind(), e.index()));
        }
    }

    /** Runs the element and data segments, then the start function, as instantiation does. */
    void initialize() {
        var constants = new Constants(i -> globals[i].get(), i -> new Value.FuncRef(functions[i]));
        try {
            for (var segment : module.elements()) {
                if (!(segment.mode() instanceof ElementSegment.Active active)) continue;
                long offset = Constants.address(constants.evaluate(active.offset()));
                var items = segment.items().stream().map(constants::evaluate).toArray(Value[]::new);
                if (!tables[active.table()].initialize(offset, items)) {
                    throw new Trap(TrapKind.OUT_OF_BOUNDS_TABLE, "element segment of " + items.length + " at " + offset
                            + " in a table of " + tables[active.table()].size(), null);
                }
            }
            for (var segment : module.data()) {
                if (!(segment.mode() instanceof DataSegment.Active active)) continue;
                long offset = Constants.address(constants.evaluate(active.offset()));
                memories[active.memory()].write(offset, segment.bytes());
            }
        } catch (Throwable e) {
            throw Failures.translate(e);
        }
        if (module.start().isPresent()) run(functions[module.start().getAsInt()], List.of());
    }

    Interpreter interpreter() { return interpreter; }

    WasmModule module() { return module; }

    MemoryType memoryType(int index) { return module.memoryTypes().get(index); }

    /** Where export {@code name} points; IllegalArgumentException if there is none. */
    ExportEntry exportIndex(String name) {
        var entry = exportEntries.get(name);
        if (entry == null) throw new IllegalArgumentException("unknown export: " + name);
        return entry;
    }

    private int exportIndex(String name, ExternKind kind) {
        var entry = exportIndex(name);
        if (entry.kind() != kind) {
            throw new IllegalArgumentException("export " + name + " is a " + entry.kind().text() + ", not a " + kind.text());
        }
        return entry.index();
    }

    @Override public Engine engine() { return engine; }

    @Override public List<ExportDesc> exports() { return List.copyOf(exports); }

    @Override public List<Value> call(String name, List<Value> args) {
        FuncType type = functionType(name);
        Signatures.checkArguments(name, type.params(), args);
        return run(functions[exportIndex(name, ExternKind.FUNC)], args);
    }

    private List<Value> run(Callee callee, List<Value> args) {
        synchronized (callLock) {
            runningCalls++;
        }
        try {
            return callee.call(args);
        } catch (Throwable e) {
            throw Failures.translate(e);
        } finally {
            synchronized (callLock) {
                // A request that arrived too late to stop this call must not stop the next one.
                if (--runningCalls == 0) interpreter.clearInterrupt();
            }
        }
    }

    @Override public void interrupt() {
        synchronized (callLock) {
            if (runningCalls > 0) interpreter.interrupt();
        }
    }

    @Override public Optional<MemoryView> defaultMemory() {
        return memories.length == 0 ? Optional.empty() : Optional.of(new View(memories[0]));
    }

    @Override public MemoryView memory(String name) {
        return new View(memories[exportIndex(name, ExternKind.MEMORY)]);
    }

    @Override public Value global(String name) {
        return globals[exportIndex(name, ExternKind.GLOBAL)].get();
    }

    @Override public TableView table(String name) {
        return tables[exportIndex(name, ExternKind.TABLE)];
    }

    @Override public String toString() { return engine.name() + " instance " + exports; }

    /** A live view of a memory. */
    private record View(ByteMemory memory) implements MemoryView {
        @Override public long pages() { return memory.pages(); }

        @Override public byte[] read(long offset, int length) { return memory.read(offset, length); }
    }

    /** What the interpreter sees of this instance. */
    private final class Env implements Environment {
        @Override public ByteMemory memory() { return memories.length == 0 ? null : memories[0]; }

        @Override public long getGlobal(int index) { return globals[index].slot(); }

        @Override public void setGlobal(int index, long value) { globals[index].setSlot(value); }

        @Override public long[] callImport(int function, long[] args) { return functions[function].callWithSlots(args); }
    }
}

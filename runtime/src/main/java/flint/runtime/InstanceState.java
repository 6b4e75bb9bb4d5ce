package flint.runtime;

import flint.compiler.VmctxLayout;
import flint.compiler.WasmTrap;
import flint.runtime.exec.CodeMemory;
import flint.runtime.exec.VmContext;
import flint.runtime.link.HelperTarget;
import flint.runtime.link.InstanceRegistry;
import flint.runtime.memory.LinearMemory;
import flint.runtime.table.TableArray;
import flint.wasm.model.GlobalType;
import flint.wasm.model.MemoryType;
import flint.wasm.model.TableType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The native state of one instance: its vmctx, its memories, global cells and tables, the code it runs,
 * and leases on the instances it imports from (whose vmctx, memories and cells its own vmctx
 * points into).
 *
 * <p>Reference counted: the {@link NativeInstance} holds one reference (dropped by {@code close()}
 * or when it becomes unreachable), every importing instance one more. At zero the store frees the
 * state once no Wasm runs. Nothing here refers to the {@link NativeInstance} or to handles that
 * do, so an abandoned instance can become unreachable and be cleaned.
 */
final class InstanceState implements HelperTarget {

    /** A memory of the index space: the memory and the type it was created with. */
    record Memory(LinearMemory memory, MemoryType type) {}

    /** A global of the index space: its type and its value cell (here or in the exporter's vmctx). */
    record Global(GlobalType type, MemorySegment cell) {}

    /** A table of the index space: its storage (here or the exporter's) and the type it was created with. */
    record Table(TableArray array, TableType type) {}

    final NativeStore store;
    final NativeModule module;
    final VmctxLayout layout;
    final Arena arena = Arena.ofShared();
    final MemorySegment vmctx;
    /** The externs supplied for the imports, by kind, in import order. */
    final List<NativeFunction> importedFunctions = new ArrayList<>();
    final List<NativeMemory> importedMemories = new ArrayList<>();
    final List<NativeGlobal> importedGlobals = new ArrayList<>();
    final List<NativeTable> importedTables = new ArrayList<>();
    /** The memory, global and table index spaces: imports first. */
    final List<Memory> memories = new ArrayList<>();
    final List<Global> globals = new ArrayList<>();
    final List<Table> tables = new ArrayList<>();
    /**
     * Element segments as raw element bits (record addresses, externref handles), for
     * {@code table.init}; a dropped segment (and every active or declarative one once
     * instantiation has applied it) is empty.
     */
    long[][] elementSegments = new long[0][];
    /** Data segments' bytes, for {@code memory.init}; dropped and active ones (once applied) are empty. */
    byte[][] dataSegments = new byte[0][];
    /** The instance this state belongs to, once it exists; weak so that it can become unreachable. */
    private WeakReference<NativeInstance> owner = new WeakReference<>(null);

    private final CodeMemory.Lease code;
    /** What {@link #free} undoes, in the order it undoes it (mirrors before memories). */
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<InstanceState> exporters = new ArrayList<>();
    private final AtomicInteger references = new AtomicInteger(1);
    private boolean registered;

    InstanceState(NativeStore store, NativeModule module) {
        this.store = store;
        this.module = module;
        this.layout = module.compiled().vmctxLayout();
        this.code = module.retain();
        try {
            this.vmctx = VmContext.allocate(arena, store.execContext(), layout.size());
        } catch (RuntimeException | Error e) {
            arena.close();
            code.close();
            throw e;
        }
    }

    @Override
    public LinearMemory memory(int index) {
        return memories.get(index).memory();
    }

    // ---- runtime helpers: bulk operations with the spec's bounds rules (all bounds before any write)

    private static final int OK = 0;
    private static final byte[] NO_DATA = new byte[0];
    private static final long[] NO_ELEMENTS = new long[0];

    @Override
    public long tableGrow(int table, long initBits, long delta) {
        return tables.get(table).array().grow(delta, initBits);
    }

    @Override
    public int tableFill(int table, long start, long bits, long count) {
        var array = tables.get(table).array();
        if (!array.inBounds(start, count)) return WasmTrap.OUT_OF_BOUNDS_TABLE.code();
        array.fill(start, count, bits);
        return OK;
    }

    @Override
    public int tableCopy(int dstTable, int srcTable, long dst, long src, long count) {
        var to = tables.get(dstTable).array();
        var from = tables.get(srcTable).array();
        if (!to.inBounds(dst, count) || !from.inBounds(src, count)) return WasmTrap.OUT_OF_BOUNDS_TABLE.code();
        to.copyFrom(from, src, dst, count);
        return OK;
    }

    @Override
    public int tableInit(int table, int segment, long dst, long src, long count) {
        var array = tables.get(table).array();
        var bits = elementSegments[segment];
        if (!array.inBounds(dst, count) || !within(src, count, bits.length)) return WasmTrap.OUT_OF_BOUNDS_TABLE.code();
        array.write(dst, bits, (int) src, (int) count);
        return OK;
    }

    @Override
    public void elemDrop(int segment) {
        elementSegments[segment] = NO_ELEMENTS;
    }

    @Override
    public int memoryCopy(int dstMemory, int srcMemory, long dst, long src, long count) {
        var to = memory(dstMemory);
        var from = memory(srcMemory);
        if (!within(dst, count, to.byteSize()) || !within(src, count, from.byteSize())) {
            return WasmTrap.OUT_OF_BOUNDS_MEMORY.code();
        }
        java.lang.foreign.MemorySegment.copy(from.segment(), src, to.segment(), dst, count); // memmove semantics
        return OK;
    }

    @Override
    public int memoryFill(int memory, long dst, int value, long count) {
        var to = memory(memory);
        if (!within(dst, count, to.byteSize())) return WasmTrap.OUT_OF_BOUNDS_MEMORY.code();
        to.segment().asSlice(dst, count).fill((byte) value);
        return OK;
    }

    @Override
    public int memoryInit(int memory, int segment, long dst, long src, long count) {
        var to = memory(memory);
        var bytes = dataSegments[segment];
        if (!within(dst, count, to.byteSize()) || !within(src, count, bytes.length)) {
            return WasmTrap.OUT_OF_BOUNDS_MEMORY.code();
        }
        java.lang.foreign.MemorySegment.copy(java.lang.foreign.MemorySegment.ofArray(bytes), src, to.segment(), dst, count);
        return OK;
    }

    @Override
    public void dataDrop(int segment) {
        dataSegments[segment] = NO_DATA;
    }

    /** Whether {@code [start, start + count)} fits in {@code length}, in unsigned arithmetic that cannot overflow. */
    private static boolean within(long start, long count, long length) {
        return Long.compareUnsigned(start, length) <= 0 && Long.compareUnsigned(count, length - start) <= 0;
    }

    /** The address of function {@code index}'s record in the vmctx. */
    long functionRecord(int index) {
        return vmctx.address() + layout.function(index);
    }

    void setOwner(NativeInstance instance) {
        owner = new WeakReference<>(instance);
    }

    /**
     * Function {@code index} of the index space: the extern an import resolved to, or this
     * instance's own function. A handle made after the {@link NativeInstance} became unreachable
     * has none; the store keeps such a state alive ({@link NativeStore#retain}).
     */
    NativeFunction function(int index) {
        int imported = importedFunctions.size();
        return index < imported ? importedFunctions.get(index) : new InstanceFunction(owner.get(), this, index);
    }

    /** Keeps {@code exporter} alive as long as this instance. */
    void lease(InstanceState exporter) {
        if (exporter != this && !exporters.contains(exporter)) {
            exporter.retain();
            exporters.add(exporter);
        }
    }

    /** Closes {@code resource} when this instance is freed, before what was added earlier. */
    void own(AutoCloseable resource) {
        resources.add(resource);
    }

    /** Makes the vmctx findable by runtime helpers and its function records by the store. */
    void register() {
        InstanceRegistry.register(vmctx.address(), this);
        store.functionRecords().register(this);
        registered = true;
    }

    void retain() {
        int current;
        do {
            current = references.get();
            if (current == 0) {
                throw new IllegalStateException("the instance is already freed");
            }
        } while (!references.compareAndSet(current, current + 1));
    }

    /** Drops a reference; the last one hands the state to the store to free. */
    void release() {
        if (references.decrementAndGet() == 0) {
            store.free(this);
        }
    }

    /**
     * Frees everything; called by the store while no Wasm runs. Best effort and never throws (it
     * runs at the end of calls and in cleaners): a resource that fails to close is logged and does
     * not keep the rest alive.
     */
    void free() {
        if (registered) {
            InstanceRegistry.unregister(vmctx.address());
            store.functionRecords().unregister(this);
        }
        for (var resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception | Error e) {
                System.getLogger(InstanceState.class.getName())
                        .log(System.Logger.Level.WARNING, "freeing an instance's " + resource + " failed", e);
            }
        }
        arena.close();
        code.close();
        exporters.forEach(InstanceState::release);
    }
}

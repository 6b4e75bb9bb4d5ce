package flint.runtime;

import flint.compiler.VmctxLayout;
import flint.runtime.exec.CodeMemory;
import flint.runtime.exec.VmContext;
import flint.runtime.link.HelperTarget;
import flint.runtime.link.InstanceRegistry;
import flint.runtime.memory.LinearMemory;
import flint.wasm.model.GlobalType;
import flint.wasm.model.MemoryType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The native state of one instance: its vmctx, its memories and global cells, the code it runs,
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

    final NativeStore store;
    final NativeModule module;
    final VmctxLayout layout;
    final Arena arena = Arena.ofShared();
    final MemorySegment vmctx;
    /** The externs supplied for the imports, by kind, in import order. */
    final List<NativeFunction> importedFunctions = new ArrayList<>();
    final List<NativeMemory> importedMemories = new ArrayList<>();
    final List<NativeGlobal> importedGlobals = new ArrayList<>();
    /** The memory and global index spaces: imports first. */
    final List<Memory> memories = new ArrayList<>();
    final List<Global> globals = new ArrayList<>();

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

    /** Makes the vmctx findable by runtime helpers. */
    void register() {
        InstanceRegistry.register(vmctx.address(), this);
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

package flint.runtime;

import flint.runtime.exec.ExecContext;
import flint.runtime.exec.HostUpcalls;
import flint.runtime.exec.NativeThread;
import flint.runtime.memory.MemoryPolicy;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A set of instances that may call each other: one {@link ExecContext} (so a trap anywhere
 * unwinds to the innermost entry from Java), one thread running Wasm at a time, and the state
 * values need across the boundary (externref handles, host-function stubs).
 *
 * <p>Wasm runs on the store's own {@link NativeThread} (a large stack, so deep recursion runs
 * rather than exhausting a small Java stack), started on first use; calls from other threads are
 * handed to it and wait. Calls made from that thread, as when a host function calls back into Wasm,
 * run inline. {@link Config#onCallingThread()} runs Wasm on whichever thread calls instead.
 *
 * <p>Instances are freed only while no Wasm runs in the store, because native frames hold raw
 * pointers into them; a release that comes while a call runs waits for it to end.
 */
public final class NativeStore implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();

    /**
     * @param thread the thread that runs Wasm, or null to run it on the calling thread
     * @param memoryPolicy the host limits of the memories instances define
     */
    public record Config(NativeThread.Config thread, MemoryPolicy memoryPolicy) {
        public Config {
            Objects.requireNonNull(memoryPolicy, "memoryPolicy");
        }

        /** A 64 MiB native thread and the default memory limits. */
        public static Config defaults() {
            return new Config(NativeThread.Config.defaults(), MemoryPolicy.DEFAULT);
        }

        /** Wasm runs on the calling thread, with that thread's stack. */
        public static Config onCallingThread() {
            return new Config(null, MemoryPolicy.DEFAULT);
        }

        public Config withMemoryPolicy(MemoryPolicy policy) {
            return new Config(thread, policy);
        }
    }

    private final Config config;
    // auto arenas: vmctx words and host records point here for as long as any instance is reachable
    private final ExecContext exec = ExecContext.allocate(Arena.ofAuto());
    private final Arena stubArena = Arena.ofAuto();
    private final FunctionRecords functionRecords = new FunctionRecords();
    private final ValueCodec values = new ValueCodec(functionRecords);
    private final TypeIds typeIds = new TypeIds();
    /** Instances whose function references may have escaped them; released when the store closes. */
    private final List<InstanceState> retained = new ArrayList<>(); // guarded by itself
    private final Map<HostFunction, MemorySegment> hostStubs = new IdentityHashMap<>(); // guarded by itself
    private final AtomicReference<NativeThread> thread = new AtomicReference<>();
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closed;

    /** Held while Wasm runs in this store; reentrant for nested calls on the running thread. */
    private final ReentrantLock running = new ReentrantLock();
    /** Nesting of {@link #run} on the running thread; read by other threads. */
    private volatile int depth;
    private final Queue<InstanceState> toFree = new ConcurrentLinkedQueue<>();

    private NativeStore(Config config) {
        this.config = config;
        var threadRef = this.thread;
        // an abandoned store's thread would otherwise idle forever
        this.cleanable = CLEANER.register(this, () -> {
            NativeThread t;
            synchronized (threadRef) { // against a racing first call starting the thread
                t = threadRef.getAndSet(null);
            }
            if (t != null) {
                t.close();
            }
        });
    }

    public static NativeStore create() {
        return create(Config.defaults());
    }

    public static NativeStore create(Config config) {
        return new NativeStore(Objects.requireNonNull(config, "config"));
    }

    public Config config() {
        return config;
    }

    public ExecContext execContext() {
        return exec;
    }

    /**
     * Asks the Wasm running in this store, from any thread, to stop: it traps with
     * {@link flint.runtime.exec.TrapCode#INTERRUPTED} at its next loop header or function entry.
     * Does nothing when no call runs; the request ends with the outermost call.
     */
    public void interrupt() {
        if (depth > 0) {
            exec.requestInterrupt();
        }
    }

    /** Whether Wasm (or a host function it called) runs in this store now. */
    public boolean isRunning() {
        return depth > 0;
    }

    /**
     * Stops the store's thread once its queued calls are done. Calls afterwards fail; instances stay
     * readable (memories, globals). Runaway Wasm must be {@link #interrupt() interrupted} first.
     */
    @Override
    public void close() {
        closed = true;
        cleanable.clean();
        List<InstanceState> release;
        synchronized (retained) {
            release = List.copyOf(retained);
            retained.clear();
        }
        release.forEach(InstanceState::release);
    }

    /**
     * Keeps {@code state} until the store closes. For instances whose function references may
     * have left them (into another instance's table or global, or to Java): a reference is a raw
     * pointer into the vmctx, and nothing tracks where native code copies it, so such an instance
     * lives as long as its store. A store is a unit of work (a module under test and what it
     * links), so this holds little; close stores to release it.
     */
    void retain(InstanceState state) {
        state.retain();
        synchronized (retained) {
            retained.add(state);
        }
    }

    /**
     * Runs {@code task} where this store runs Wasm, as one (possibly nested) call: calls made
     * inside it run inline, so a batch of calls pays for the hand-off to the store's thread once
     * (about 10 µs, against about 150 ns for a call that needs none). An {@link #interrupt()}
     * during the task stops every call left in it.
     *
     * @throws IllegalStateException if the store is closed
     * @throws CancellationException if the calling thread is interrupted while it waits (the
     *     running Wasm is asked to stop too)
     */
    public <T> T run(Callable<T> task) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        var worker = worker();
        if (worker == null || worker.isCurrentThread()) {
            return runHere(task);
        }
        try {
            return worker.call(() -> runHere(task));
        } catch (InterruptedException e) {
            interrupt(); // the caller gave up: stop the call it is waiting for
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for Wasm to finish");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private NativeThread worker() {
        if (config.thread() == null) {
            return null;
        }
        var worker = thread.get();
        if (worker == null) {
            synchronized (thread) {
                if (closed) {
                    throw new IllegalStateException("the store is closed");
                }
                worker = thread.get();
                if (worker == null) {
                    worker = NativeThread.start(config.thread());
                    thread.set(worker);
                }
            }
        }
        return worker;
    }

    private <T> T runHere(Callable<T> task) {
        running.lock();
        try {
            if (depth++ == 0) {
                exec.clearInterrupt(); // a request from before this call is not for it
            }
            try {
                return task.call();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                if (--depth == 0) {
                    exec.clearInterrupt();
                    freePending();
                }
            }
        } finally {
            running.unlock();
            if (!toFree.isEmpty()) {
                freeIfIdle(); // released by another thread while this call ran
            }
        }
    }

    /** Frees {@code instance} now if no Wasm runs, else when the running call ends. */
    void free(InstanceState instance) {
        toFree.add(instance);
        freeIfIdle();
    }

    private void freeIfIdle() {
        if (running.tryLock()) {
            try {
                if (depth == 0) {
                    freePending();
                }
            } finally {
                running.unlock();
            }
        }
    }

    private void freePending() {
        for (InstanceState instance; (instance = toFree.poll()) != null; ) {
            instance.free();
        }
    }

    ValueCodec values() {
        return values;
    }

    FunctionRecords functionRecords() {
        return functionRecords;
    }

    /** The store's canonical id of a function type, for function records and {@code call_indirect}. */
    int typeId(flint.wasm.model.FuncType type) {
        return typeIds.of(type);
    }

    /** The upcall stub through which this store's native code calls {@code function}. */
    MemorySegment hostStub(HostFunction function) {
        synchronized (hostStubs) {
            return hostStubs.computeIfAbsent(function, f -> HostUpcalls.stub(f.callback(values),
                    flint.compiler.Abi.callSlots(f.type()), stubArena));
        }
    }

    @Override
    public String toString() {
        return "NativeStore[" + exec + (closed ? ", closed" : "") + "]";
    }
}

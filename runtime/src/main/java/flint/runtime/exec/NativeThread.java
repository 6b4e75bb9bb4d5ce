package flint.runtime.exec;

import flint.runtime.sys.ThreadStack;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A platform thread with a large, explicit native stack on which to run Wasm, fed with tasks.
 *
 * <p>A Java thread's stack is about 1 MiB by default, which deep Wasm recursion (the spec tests'
 * {@code call stack exhausted} cases, fuzzed modules) would fill quickly. This thread's stack is as
 * big as configured (64 MiB by default); its stack limit is computed from the real bounds of that
 * stack on the thread itself when it starts ({@link #stack()}, {@link #stackLimit()}).
 *
 * <p>Tasks run one at a time in submission order. {@link #call} from the thread itself (a host
 * function calling back into Wasm) runs inline rather than deadlocking.
 */
public final class NativeThread implements AutoCloseable {

    /**
     * @param name the thread's name
     * @param stackSize the native stack size to request
     * @param reserve the part of the stack kept from Wasm for the JVM and host functions
     */
    public record Config(String name, long stackSize, long reserve) {
        public static final long DEFAULT_STACK_SIZE = 64 * StackLimits.MIB;

        public Config {
            Objects.requireNonNull(name, "name");
            if (stackSize < 2 * reserve) {
                throw new IllegalArgumentException("stack of " + stackSize + " bytes is too small for a reserve of "
                        + reserve + " bytes");
            }
            if (reserve < StackLimits.MIN_RESERVE) {
                throw new IllegalArgumentException("reserve under " + StackLimits.MIN_RESERVE + " bytes: " + reserve);
            }
        }

        /** A thread of {@code stackSize} bytes with the default reserve for that size. */
        public static Config of(String name, long stackSize) {
            return new Config(name, stackSize, StackLimits.defaultReserve(stackSize));
        }

        public static Config defaults() {
            return of("flint-wasm", DEFAULT_STACK_SIZE);
        }
    }

    /** What the thread measured about itself when it started. */
    private record Started(Thread thread, ThreadStack stack, long limit) {}

    private final Config config;
    private final ExecutorService executor;
    private final CompletableFuture<Started> started = new CompletableFuture<>();

    private NativeThread(Config config) {
        this.config = config;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task ->
                Thread.ofPlatform().name(config.name()).daemon(true).stackSize(config.stackSize())
                        .unstarted(() -> {
                            // before any task: measure this thread's own stack and fix its limit
                            try {
                                long limit = StackLimits.configureCurrentThread(config.reserve());
                                started.complete(new Started(Thread.currentThread(),
                                        StackLimits.currentThreadStack(), limit));
                            } catch (Throwable t) {
                                started.completeExceptionally(t);
                                throw t;
                            }
                            task.run();
                        }));
    }

    /** Starts a thread with {@link Config#defaults()}. */
    public static NativeThread start() {
        return start(Config.defaults());
    }

    /**
     * Starts a thread and waits until it has measured its stack.
     *
     * @throws IllegalStateException if the thread cannot start or read its stack bounds
     */
    public static NativeThread start(Config config) {
        var thread = new NativeThread(config);
        thread.executor.execute(() -> {}); // the first task creates the thread
        try {
            thread.started.get();
        } catch (ExecutionException e) {
            thread.executor.shutdownNow();
            throw new IllegalStateException("native thread " + config.name() + " failed to start", e.getCause());
        } catch (InterruptedException e) {
            thread.executor.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting native thread " + config.name(), e);
        }
        return thread;
    }

    public Config config() {
        return config;
    }

    private Started startedState() {
        return started.resultNow();
    }

    public Thread thread() {
        return startedState().thread();
    }

    /** The thread's native stack bounds, as the C library reports them. */
    public ThreadStack stack() {
        return startedState().stack();
    }

    /** The stack limit Wasm gets on this thread: {@code stack().low() + config().reserve()}. */
    public long stackLimit() {
        return startedState().limit();
    }

    public boolean isCurrentThread() {
        return Thread.currentThread() == thread();
    }

    /** Queues {@code task}. */
    public <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    /**
     * Runs {@code task} on this thread and waits for it; inline if called from this thread. The
     * task's own exception is rethrown as is.
     *
     * @throws InterruptedException if the caller is interrupted while waiting (the task goes on)
     */
    public <T> T call(Callable<T> task) throws Exception {
        if (isCurrentThread()) {
            return task.call();
        }
        try {
            return executor.submit(task).get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case Exception cause -> throw cause;
                case Error cause -> throw cause;
                case Throwable cause -> throw new IllegalStateException(cause);
            }
        }
    }

    /** {@link #call} for a task without a result. */
    public void run(Runnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Stops taking tasks and waits for the queued ones to finish. Runaway Wasm never finishes by
     * itself: interrupt it through its {@link ExecContext} first. From the thread itself (a task
     * closing its own thread) it only stops taking tasks, since waiting would wait for itself.
     */
    @Override
    public void close() {
        if (started.isDone() && !started.isCompletedExceptionally() && isCurrentThread()) {
            executor.shutdown();
        } else {
            executor.close();
        }
    }

    @Override
    public String toString() {
        return "NativeThread[" + config.name() + ", " + (started.isDone() && !started.isCompletedExceptionally()
                ? stack() : "starting") + "]";
    }
}

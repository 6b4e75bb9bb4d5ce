package flint.harness.diff;

import flint.harness.engine.Engine;
import flint.harness.engine.Imports;
import flint.harness.engine.Instance;
import flint.harness.engine.flint.FlintEngine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One engine driven step by step under a watchdog. Every step runs on the runner's own thread (with
 * a large stack, for the interpreters' recursion); when a step outlives the timeout the runner
 * interrupts it and, if it still does not stop, abandons the thread and reports the engine wedged.
 * In-process that thread cannot be killed: campaigns run engines in worker JVMs for that reason.
 */
final class EngineRunner implements AutoCloseable {

    private static final long STACK_BYTES = 512L << 20;
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final Engine engine;
    private final Duration timeout;
    private final ExecutorService executor;
    private volatile Thread thread;
    private Instance instance;
    private boolean wedged;

    EngineRunner(Engine engine, Duration timeout) {
        this.engine = engine;
        this.timeout = timeout;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            var t = new Thread(null, r, "diff-" + engine.name(), STACK_BYTES);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    String name() {
        return engine.name();
    }

    Engine engine() {
        return engine;
    }

    Optional<Instance> instance() {
        return Optional.ofNullable(instance);
    }

    Outcome instantiate(byte[] module, Imports imports) {
        return step(() -> {
            instance = engine.instantiate(module, imports);
            return new Outcome.Instantiated();
        }, this::interruptInstantiation);
    }

    Outcome call(Call call) {
        if (instance == null) return new Outcome.Skipped("not instantiated");
        var target = instance;
        return step(() -> new Outcome.Returned(target.call(call.export(), call.args())), target::interrupt);
    }

    /** The state to compare after a step; a failure to read it is the engine's failure. */
    EngineState state() {
        var target = instance;
        try {
            return executor.submit(() -> EngineState.of(target)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(engine.name() + ": cannot read the state: " + (e.getCause() != null ? e.getCause() : e), e);
        }
    }

    private Outcome step(Callable<Outcome> work, Runnable interrupt) {
        if (wedged) return new Outcome.Skipped("the engine hung earlier");
        Future<Outcome> future = executor.submit(() -> {
            try {
                return work.call();
            } catch (Throwable e) {
                return Failures.outcomeOf(e);
            }
        });
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            interrupt.run();
            try {
                future.get(GRACE.toMillis(), TimeUnit.MILLISECONDS); // stopped by the interrupt: still a hang
            } catch (TimeoutException stillRunning) {
                wedged = true;
                future.cancel(true);
            } catch (ExecutionException ignored) {
                // whatever it ended with, it had to be interrupted
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            return new Outcome.Hung(timeout.toMillis());
        } catch (ExecutionException e) {
            return Failures.outcomeOf(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new Outcome.Skipped("the oracle was interrupted");
        }
    }

    /** Before an instance exists, the engine's own means: Chicory polls the thread's flag, Flint its store's. */
    private void interruptInstantiation() {
        var t = thread;
        if (t != null) t.interrupt();
        if (engine instanceof FlintEngine flint) flint.store().interrupt();
    }

    boolean wedged() {
        return wedged;
    }

    @Override public void close() {
        executor.shutdownNow();
        if (!wedged && engine instanceof FlintEngine flint) flint.store().close();
    }
}

package flint.harness.shrink;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Bounds how long an engine may run: shrinking deletes the fuel checks that made a fuzzed loop
 * terminate, so some candidates hang. After the timeout the watchdog runs an interruption (an
 * {@link flint.harness.engine.Instance#interrupt()}, or interrupting the calling thread while a
 * module instantiates) and the action's outcome counts as timed out whatever it was.
 */
final class Watchdog implements AutoCloseable {

    /** The action ran out of time. */
    static final class TimedOut extends RuntimeException {
        TimedOut() { super("timed out", null, false, false); }
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "flint-shrink-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final Duration timeout;

    Watchdog(Duration timeout) {
        this.timeout = timeout;
    }

    /** Runs {@code action} on this thread; {@code interrupt} from the watchdog's thread once the time is up. */
    <T> T run(Supplier<T> action, Runnable interrupt) {
        var fired = new AtomicBoolean();
        var alarm = timer.schedule(() -> {
            fired.set(true);
            interrupt.run();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            T result = action.get();
            if (fired.get()) throw new TimedOut();
            return result;
        } catch (RuntimeException e) {
            if (fired.get()) throw new TimedOut();
            throw e;
        } finally {
            if (!alarm.cancel(false)) {
                try {
                    alarm.get(); // it is running: let it finish before we clear what it did
                } catch (InterruptedException | ExecutionException | java.util.concurrent.CancellationException e) {
                    // nothing to do: we only waited for it to end
                }
                Thread.interrupted(); // a thread interrupt meant for the action must not hit the next one
            }
        }
    }

    @Override public void close() {
        timer.shutdownNow();
    }
}

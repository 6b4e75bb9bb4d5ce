package flint.harness.shrink;

import java.time.Duration;

/**
 * When to stop shrinking short of a fixed point: after {@code time} of wall-clock time or after
 * {@code maxAttempts} candidates (valid or not), whichever comes first. Attempts make a run
 * reproducible; time keeps an interactive run bounded when the predicate is slow.
 */
public record ShrinkBudget(Duration time, long maxAttempts) {
    public ShrinkBudget {
        if (time.isNegative() || time.isZero()) throw new IllegalArgumentException("time budget must be positive: " + time);
        if (maxAttempts <= 0) throw new IllegalArgumentException("attempt budget must be positive: " + maxAttempts);
    }

    /** Effectively unbounded: shrink to a fixed point. */
    public static final ShrinkBudget UNLIMITED = new ShrinkBudget(Duration.ofDays(365), Long.MAX_VALUE);

    public static ShrinkBudget ofTime(Duration time) { return new ShrinkBudget(time, Long.MAX_VALUE); }

    public static ShrinkBudget ofAttempts(long attempts) { return new ShrinkBudget(UNLIMITED.time(), attempts); }
}

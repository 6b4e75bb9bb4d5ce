package flint.runtime.exec;

import flint.runtime.sys.ThreadStack;

/**
 * The stack limit Wasm code gets on each thread: the lowest RSP it may use, checked in function
 * prologues against {@link ExecContext#STACK_LIMIT}.
 *
 * <p>The limit is the low end of the thread's stack plus a reserve. The reserve keeps clear of the
 * JVM's guard and shadow zones at the low end and leaves room for host functions: when Wasm has
 * used the stack down to its limit and then calls into Java, the Java code runs in the reserve.
 * (Should Java overflow it anyway, it gets a {@link StackOverflowError}, which the upcall wrapper
 * turns into a host error like any other exception.)
 *
 * <p>An absolute limit, rather than "RSP at entry minus a budget", stays right however the calls
 * nest: a host function that enters another store on the same thread gets the same limit.
 */
public final class StackLimits {

    public static final long KIB = 1024;
    public static final long MIB = 1024 * KIB;
    /** Never reserve less: HotSpot's guard zones plus its shadow zone take about 100 KiB on x86-64. */
    public static final long MIN_RESERVE = 256 * KIB;
    public static final long MAX_DEFAULT_RESERVE = 1 * MIB;

    private record Limit(ThreadStack stack, long reserve, long limit) {}

    private static final ThreadLocal<Limit> LIMITS = ThreadLocal.withInitial(() -> {
        var stack = ThreadStack.current();
        return limit(stack, defaultReserve(stack.size()));
    });

    private StackLimits() {}

    /**
     * The default reserve for a stack of {@code stackSize} bytes: a quarter of it, at least
     * {@link #MIN_RESERVE} and at most {@link #MAX_DEFAULT_RESERVE}.
     */
    public static long defaultReserve(long stackSize) {
        return Math.clamp(stackSize / 4, MIN_RESERVE, MAX_DEFAULT_RESERVE);
    }

    /** The stack limit of the calling platform thread, computed once per thread. */
    public static long forCurrentThread() {
        return LIMITS.get().limit();
    }

    /** The stack of the calling thread as recorded when its limit was computed. */
    public static ThreadStack currentThreadStack() {
        return LIMITS.get().stack();
    }

    /** The reserve in force on the calling thread. */
    public static long currentThreadReserve() {
        return LIMITS.get().reserve();
    }

    /**
     * Sets the calling thread's reserve (for threads that know how much their host functions
     * need), re-reading the stack bounds. Call it before the thread first runs Wasm: an
     * {@link ExecContext} keeps the limit of the thread that last ran it.
     *
     * @return the new limit
     */
    public static long configureCurrentThread(long reserve) {
        if (reserve < MIN_RESERVE) {
            throw new IllegalArgumentException("a stack reserve under " + MIN_RESERVE + " bytes is unsafe: " + reserve);
        }
        var limit = limit(ThreadStack.current(), reserve);
        LIMITS.set(limit);
        return limit.limit();
    }

    private static Limit limit(ThreadStack stack, long reserve) {
        // a stack smaller than its reserve leaves Wasm nothing: every call then traps at once,
        // which is safe, rather than running into the JVM's guard zones
        return new Limit(stack, reserve, stack.low() + Math.min(reserve, stack.size()));
    }
}

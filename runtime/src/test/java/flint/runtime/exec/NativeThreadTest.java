package flint.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Running on a thread with a big stack, and what happens at its limit: {@link X64#RECURSE_TO_LIMIT}
 * recurses 8 bytes per level until RSP passes the stack limit, then traps (optionally calling a
 * host function there first).
 */
class NativeThreadTest {

    private final Fixture fx = new Fixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void theThreadHasTheRequestedStackAndLimit() throws Exception {
        try (var thread = NativeThread.start()) {
            var stack = thread.stack();
            assertTrue(stack.size() >= NativeThread.Config.DEFAULT_STACK_SIZE - 4096, stack.toString());
            assertEquals(stack.low() + thread.config().reserve(), thread.stackLimit());
            assertEquals(StackLimits.MAX_DEFAULT_RESERVE, thread.config().reserve());
            assertEquals(thread.stackLimit(), thread.call(StackLimits::forCurrentThread).longValue());
            assertSame(thread.thread(), thread.call(Thread::currentThread));
        }
    }

    @Test
    void callRethrowsTheTasksOwnException() throws Exception {
        try (var thread = NativeThread.start()) {
            var failure = new IOException("task failed");
            assertSame(failure, assertThrows(IOException.class, () -> thread.call(() -> {
                throw failure;
            })));
            var error = new AssertionError("task error");
            assertSame(error, assertThrows(AssertionError.class, () -> thread.run(() -> {
                throw error;
            })));
            assertEquals(3, thread.call(() -> 3), "still working");
        }
    }

    @Test
    void callsFromTheThreadItselfRunInline() throws Exception {
        try (var thread = NativeThread.start()) {
            assertEquals("inner", thread.call(() -> thread.call(() -> "inner")));
        }
    }

    @Test
    void deepRecursionUsesTheWholeBudgetAndTrapsAtTheLimit() throws Exception {
        var recurse = fx.function(X64.RECURSE_TO_LIMIT);
        try (var thread = NativeThread.start()) {
            var args = fx.buffer(4);
            var outcome = thread.call(() -> fx.invoke(recurse, args));
            assertEquals(new Outcome.Trapped(TrapCode.CALL_STACK_EXHAUSTED), outcome);
            long depth = args.getI64(0);
            long spAtLimit = args.getI64(3);
            long limit = fx.exec.stackLimit();
            assertEquals(thread.stackLimit(), limit);
            assertTrue(spAtLimit < limit && spAtLimit >= limit - 8, "stopped just below the limit");
            // every level took 8 bytes between the entry and the limit
            long used = fx.exec.entrySp() - spAtLimit;
            assertTrue(Math.abs(used - 8 * depth) <= 64, "used " + used + " for depth " + depth);
            assertTrue(depth > 7_000_000, "62+ MiB of stack for Wasm: depth " + depth);
            assertTrue(thread.stack().contains(spAtLimit));
            // and the thread goes on working
            var sum = fx.buffer(2).setI64(0, 1).setI64(1, 2);
            assertEquals(Outcome.RETURNED, thread.call(() -> fx.invoke(fx.function(X64.ADD_I64), sum)));
            assertEquals(3, sum.getI64(0));
        }
    }

    @Test
    void anOrdinaryThreadGetsASafeLimitToo() throws Exception {
        var recurse = fx.function(X64.RECURSE_TO_LIMIT);
        var config = NativeThread.Config.of("small", 512 * StackLimits.KIB);
        assertEquals(StackLimits.MIN_RESERVE, config.reserve());
        try (var thread = NativeThread.start(config)) {
            var args = fx.buffer(4);
            assertEquals(new Outcome.Trapped(TrapCode.CALL_STACK_EXHAUSTED), thread.call(() -> fx.invoke(recurse, args)));
            assertTrue(args.getI64(0) > 10_000, "depth " + args.getI64(0));
            assertTrue(args.getI64(3) >= thread.stack().low() + StackLimits.MIN_RESERVE - 8);
        }
    }

    @Test
    void javaCalledAtTheStackLimitCanStillRun() throws Exception {
        var recurse = fx.function(X64.RECURSE_TO_LIMIT);
        var host = fx.host((vmctx, args) -> args.setI64(0, fib(20)), 1);
        try (var thread = NativeThread.start()) {
            var args = fx.buffer(4).setAddress(1, host);
            assertEquals(new Outcome.Trapped(TrapCode.CALL_STACK_EXHAUSTED), thread.call(() -> fx.invoke(recurse, args)));
            assertEquals(6765, args.getI64(2), "the host ran in the reserve below the Wasm frames");
        }
    }

    @Test
    void javaOverflowingTheReserveIsAHostFailureNotACrash() throws Exception {
        var recurse = fx.function(X64.RECURSE_TO_LIMIT);
        var host = fx.host((vmctx, args) -> args.setI64(0, bottomless(1)), 1);
        try (var thread = NativeThread.start()) {
            for (int i = 0; i < 2; i++) { // twice: the JVM must have re-armed its guard zone
                var args = fx.buffer(4).setAddress(1, host);
                var outcome = thread.call(() -> fx.invoke(recurse, args));
                var failed = assertInstanceOf(Outcome.HostFailed.class, outcome);
                assertInstanceOf(StackOverflowError.class, failed.cause());
            }
            assertEquals(6765, thread.call(() -> fib(20)), "the thread still works");
        }
    }

    @Test
    @Timeout(30)
    void aTaskMayCloseItsOwnThread() throws Exception {
        var thread = NativeThread.start();
        thread.run(thread::close);
        thread.thread().join();
        assertThrows(RejectedExecutionException.class, () -> thread.call(() -> 1));
    }

    @Test
    void stackLimitsArePerThread() throws Exception {
        try (var a = NativeThread.start(); var b = NativeThread.start()) {
            assertTrue(a.stackLimit() != b.stackLimit());
            assertNotSame(a.thread(), b.thread());
            MemorySegment ret = fx.function(X64.RET);
            a.call(() -> fx.invoke(ret, fx.buffer(1)));
            assertEquals(a.stackLimit(), fx.exec.stackLimit());
            b.call(() -> fx.invoke(ret, fx.buffer(1)));
            assertEquals(b.stackLimit(), fx.exec.stackLimit(), "a context follows the thread that runs it");
        }
    }

    private static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    private static long bottomless(long n) {
        return bottomless(n + 1) + 1;
    }
}

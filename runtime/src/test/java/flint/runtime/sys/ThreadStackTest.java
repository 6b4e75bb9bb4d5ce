package flint.runtime.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadStackTest {

    private static ThreadStack stackOfThreadWith(long stackSize) throws InterruptedException {
        var stack = new AtomicReference<ThreadStack>();
        var thread = Thread.ofPlatform().stackSize(stackSize).start(() -> stack.set(ThreadStack.current()));
        thread.join();
        return stack.get();
    }

    @Test
    void reportsTheRequestedSize() throws InterruptedException {
        long requested = 8L << 20;
        var stack = stackOfThreadWith(requested);
        // glibc may add a little for its own guard page and alignment, never take away
        assertTrue(stack.size() >= requested - Posix.pageSize(), stack.toString());
        assertTrue(stack.size() <= requested + (1L << 20), stack.toString());
        assertEquals(0, stack.low() % Posix.pageSize());
    }

    @Test
    void threadsHaveTheirOwnStacks() throws InterruptedException {
        var here = ThreadStack.current();
        var there = stackOfThreadWith(1L << 20);
        assertNotEquals(here, there);
        assertTrue(!here.contains(there.low()) && !there.contains(here.low()));
    }

    @Test
    void currentIsStableOnOneThread() {
        assertEquals(ThreadStack.current(), ThreadStack.current());
    }
}

package flint.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EntryTrampolineTest {

    private final Fixture fx = new Fixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void callsCodeThatAddsTwoI64sFromTheBuffer() {
        var add = fx.function(X64.ADD_I64);
        var args = fx.buffer(2).setI64(0, 40).setI64(1, 2);
        assertEquals(Outcome.RETURNED, fx.invoke(add, args));
        assertEquals(42, args.getI64(0));

        args.setI64(0, Long.MAX_VALUE).setI64(1, 1);
        assertEquals(Outcome.RETURNED, fx.invoke(add, args));
        assertEquals(Long.MIN_VALUE, args.getI64(0), "wraps like i64.add");
    }

    @Test
    void recordsTheEntryStackPointerAndClearsTheSavedOneOnReturn() {
        var add = fx.function(X64.ADD_I64);
        assertEquals(0, fx.exec.savedSp());
        fx.invoke(add, fx.buffer(2));
        assertEquals(0, fx.exec.savedSp(), "no Wasm running any more");
        long entrySp = fx.exec.entrySp();
        assertEquals(0, entrySp % 16, "the saved point is 16-byte aligned");
        assertTrue(StackLimits.currentThreadStack().contains(entrySp), "on this thread's stack");
        assertTrue(Long.compareUnsigned(entrySp, fx.exec.stackLimit()) > 0, "above the stack limit");
        assertEquals(StackLimits.forCurrentThread(), fx.exec.stackLimit());
    }

    @ParameterizedTest
    @EnumSource(TrapCode.class)
    void trapStubUnwindsNestedFramesWithClobberedRegisters(TrapCode trap) {
        // The code sets every callee-saved register to -1, leaves an unbalanced push and a 4 KiB
        // frame one call deeper, then jumps to the trap stub. The JVM only survives this (and the
        // calls after it) if the stub restored RSP and the trampoline restored the registers.
        var trapping = fx.function(X64.CLOBBER_AND_TRAP);
        var add = fx.function(X64.ADD_I64);
        for (int i = 0; i < 3; i++) {
            var args = fx.buffer(2).setI32(0, trap.code());
            var outcome = fx.invoke(trapping, args);
            if (trap == TrapCode.HOST_ERROR) {
                // nothing was stashed: a plain trap with the host-error code
                assertEquals(new Outcome.Trapped(TrapCode.HOST_ERROR), outcome);
            } else {
                assertEquals(new Outcome.Trapped(trap), outcome);
            }
            assertEquals(trap.code(), fx.exec.lastTrapCode());
            assertEquals(0, fx.exec.savedSp());
            var sum = fx.buffer(2).setI64(0, i).setI64(1, 100);
            assertEquals(Outcome.RETURNED, fx.invoke(add, sum));
            assertEquals(100 + i, sum.getI64(0));
            assertEquals(0, fx.exec.lastTrapCode(), "cleared by the next entry");
        }
    }

    @Test
    void aTrapWithoutACodeIsAMalfunctionNotASuccess() {
        var outcome = fx.invoke(fx.function(X64.TRAP_WITHOUT_CODE), fx.buffer(1));
        var malfunction = assertInstanceOf(Outcome.Malfunction.class, outcome);
        assertEquals(TrapCode.MISSING_CODE, malfunction.status());
    }

    @Test
    void anUnknownTrapCodeIsAMalfunction() {
        var outcome = fx.invoke(fx.function(X64.CLOBBER_AND_TRAP), fx.buffer(1).setI32(0, 999));
        assertEquals(new Outcome.Malfunction(999, "unknown status 999"), outcome);
    }

    @Test
    @Timeout(30)
    void aWatchdogInterruptsSpinningCode() throws Exception {
        var spin = fx.function(X64.SPIN_UNTIL_INTERRUPTED);
        try (var watchdog = Executors.newSingleThreadScheduledExecutor()) {
            watchdog.schedule(fx.exec::requestInterrupt, 50, TimeUnit.MILLISECONDS);
            assertEquals(new Outcome.Trapped(TrapCode.INTERRUPTED), fx.invoke(spin, fx.buffer(1)));
        }
        assertTrue(fx.exec.isInterruptRequested(), "the flag stays up until cleared");
        assertEquals(new Outcome.Trapped(TrapCode.INTERRUPTED), fx.invoke(spin, fx.buffer(1)));
        fx.exec.clearInterrupt();
        assertFalse(fx.exec.isInterruptRequested());
    }

    @Test
    @Timeout(30)
    void aContextRunsOnOneThreadAtATime() throws Exception {
        var inside = new CountDownLatch(1);
        var tried = new CountDownLatch(1);
        // the host function holds the first thread inside native code until the second has tried
        var hold = fx.host((vmctx, args) -> {
            inside.countDown();
            tried.await();
        }, 0);
        var callHost = fx.function(X64.CALL_HOST);
        var first = new AtomicReference<Outcome>();
        var thread = Thread.ofPlatform().start(() -> first.set(fx.invoke(callHost, fx.buffer(1).setAddress(0, hold))));
        inside.await();
        var ret = fx.function(X64.RET);
        var e = assertThrows(IllegalStateException.class, () -> fx.invoke(ret, fx.buffer(1)));
        assertTrue(e.getMessage().contains("in use by"), e.getMessage());
        tried.countDown();
        thread.join();
        assertEquals(Outcome.RETURNED, first.get());
        assertEquals(Outcome.RETURNED, fx.invoke(ret, fx.buffer(1)), "free again");
    }

    @Test
    void virtualThreadsAreRefused() throws Exception {
        var failure = new AtomicReference<Throwable>();
        Thread.ofVirtual().start(() -> {
            try {
                fx.invoke(fx.function(X64.RET), fx.buffer(1));
            } catch (Throwable t) {
                failure.set(t);
            }
        }).join();
        var e = assertInstanceOf(IllegalStateException.class, failure.get());
        assertTrue(e.getMessage().contains("virtual thread"), e.getMessage());
        assertFalse(fx.exec.isActive());
    }

    @Test
    void argumentsAreCheckedBeforeEnteringNativeCode() {
        var ret = fx.function(X64.RET);
        try (var other = Arena.ofConfined()) {
            var foreignExec = ExecContext.allocate(other);
            var foreignVmctx = VmContext.allocate(other, foreignExec, 8);
            assertThrows(IllegalArgumentException.class,
                    () -> EntryTrampoline.invoke(fx.exec, foreignVmctx, ret, fx.buffer(1)));
        }
        assertThrows(IllegalArgumentException.class,
                () -> EntryTrampoline.invoke(fx.exec, MemorySegment.NULL, ret, fx.buffer(1)));
        assertThrows(IllegalArgumentException.class,
                () -> fx.invoke(MemorySegment.NULL, fx.buffer(1)));
        assertFalse(fx.exec.isActive());
    }

    @Test
    void theTrapStubAddressIsInEveryContext() {
        long stub = fx.exec.segment().get(java.lang.foreign.ValueLayout.JAVA_LONG, ExecContext.TRAP_STUB);
        assertEquals(EntryTrampoline.trapStub().address(), stub);
        assertNotEquals(EntryTrampoline.address().address(), stub);
    }
}

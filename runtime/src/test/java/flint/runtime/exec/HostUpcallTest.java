package flint.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Native code calling Java: {@link X64#CALL_HOST} calls the host stub in slot 0 with the buffer
 * from slot 1 on, and traps with the host's status when it is nonzero.
 */
class HostUpcallTest {

    private final Fixture fx = new Fixture();
    private final MemorySegment callHost = fx.function(X64.CALL_HOST);

    @AfterEach
    void close() {
        fx.close();
    }

    /** Calls {@code host} through native code with {@code arg} in its slot 0. */
    private Outcome callThroughNative(MemorySegment host, ArgBuffer args) {
        return fx.invoke(callHost, args.setAddress(0, host));
    }

    @Test
    void nativeCodeCallsJavaAndGetsItsResult() {
        var seenVmctx = new AtomicLong();
        var host = fx.host((vmctx, args) -> {
            seenVmctx.set(vmctx.address());
            args.setI64(0, args.getI64(0) * 3 + args.getI64(1));
        }, 2);
        var args = fx.buffer(3).setI64(1, 14).setI64(2, 0);
        assertEquals(Outcome.RETURNED, callThroughNative(host, args));
        assertEquals(42, args.getI64(1));
        assertEquals(fx.vmctx.address(), seenVmctx.get(), "the host sees the caller's vmctx");
    }

    @Test
    void aThrowingHostTrapsAndTheExceptionReachesJava() {
        var thrown = new IllegalArgumentException("host says no");
        var host = fx.host((vmctx, args) -> {
            throw thrown;
        }, 1);
        for (int i = 0; i < 3; i++) {
            var outcome = callThroughNative(host, fx.buffer(2));
            var failed = assertInstanceOf(Outcome.HostFailed.class, outcome);
            assertSame(thrown, failed.cause(), "the very exception, not a copy");
            assertEquals(TrapCode.HOST_ERROR.code(), fx.exec.lastTrapCode());
            assertEquals(0, fx.exec.savedSp());
        }
        assertNull(HostUpcalls.takeFailure(), "collected, nothing left over");
        // and the JVM is fine: a normal host call works afterwards
        var ok = fx.host((vmctx, args) -> args.setI32(0, 7), 1);
        var args = fx.buffer(2);
        assertEquals(Outcome.RETURNED, callThroughNative(ok, args));
        assertEquals(7, args.getI32(1));
    }

    @Test
    void rawCallersCollectTheFailureFromTheStatus() {
        var thrown = new IllegalStateException("raw");
        var host = fx.host((vmctx, args) -> {
            throw thrown;
        }, 1);
        var args = fx.buffer(2).setAddress(0, host);
        int status = EntryTrampoline.invokeRaw(fx.exec, fx.vmctx, callHost, args.segment());
        assertEquals(TrapCode.HOST_ERROR.code(), status);
        assertEquals(new Outcome.HostFailed(thrown), EntryTrampoline.outcomeOf(status));
        assertEquals(new Outcome.Trapped(TrapCode.HOST_ERROR), EntryTrampoline.outcomeOf(status), "collected once");
        assertEquals(Outcome.RETURNED, EntryTrampoline.outcomeOf(EntryTrampoline.OK));
    }

    @Test
    void errorsAndCheckedExceptionsAreCaughtToo() {
        var error = new AssertionError("boom");
        assertSame(error, ((Outcome.HostFailed) callThroughNative(fx.host((v, a) -> {
            throw error;
        }, 1), fx.buffer(2))).cause());
        var checked = new java.io.IOException("disk");
        assertSame(checked, ((Outcome.HostFailed) callThroughNative(fx.host((v, a) -> {
            throw checked;
        }, 1), fx.buffer(2))).cause());
    }

    @Test
    void aHostCanTrapWithAChosenCode() {
        var host = fx.host((vmctx, args) -> {
            throw new TrapException(TrapCode.OUT_OF_BOUNDS_MEMORY);
        }, 1);
        assertEquals(new Outcome.Trapped(TrapCode.OUT_OF_BOUNDS_MEMORY), callThroughNative(host, fx.buffer(2)));
        assertNull(HostUpcalls.takeFailure());
    }

    @Test
    void theBufferHasExactlyTheDeclaredSlots() {
        var host = fx.host((vmctx, args) -> {
            assertEquals(2, args.slots());
            args.setI64(2, 1); // past the end: caught, reported, nothing written
        }, 2);
        var args = fx.buffer(4).setI64(3, 99);
        var failed = assertInstanceOf(Outcome.HostFailed.class, callThroughNative(host, args));
        assertInstanceOf(IndexOutOfBoundsException.class, failed.cause());
        assertEquals(99, args.getI64(3));
    }

    @Test
    void hostFunctionsCanReenterWasmAndSeeItsTraps() {
        var trapping = fx.function(X64.CLOBBER_AND_TRAP);
        var add = fx.function(X64.ADD_I64);
        var outerSavedSp = new AtomicLong();
        var inner = new AtomicReference<Outcome>();
        var host = fx.host((vmctx, args) -> {
            outerSavedSp.set(fx.exec.savedSp());
            long entrySp = fx.exec.entrySp();
            // a nested entry on the same context: a trap in it unwinds only to this entry
            inner.set(EntryTrampoline.invoke(fx.exec, fx.vmctx, trapping,
                    fx.buffer(1).setI32(0, TrapCode.UNREACHABLE.code())));
            assertEquals(outerSavedSp.get(), fx.exec.savedSp(), "the outer entry's saved RSP is back");
            var sum = fx.buffer(2).setI64(0, args.getI64(0)).setI64(1, 1);
            assertEquals(Outcome.RETURNED, EntryTrampoline.invoke(fx.exec, fx.vmctx, add, sum));
            args.setI64(0, sum.getI64(0));
            assertEquals(entrySp, fx.exec.entrySp(), "only the outermost entry records its RSP");
        }, 1);
        var args = fx.buffer(2).setI64(1, 41);
        assertEquals(Outcome.RETURNED, callThroughNative(host, args));
        assertEquals(new Outcome.Trapped(TrapCode.UNREACHABLE), inner.get());
        assertEquals(42, args.getI64(1), "the outer call carried on after the inner trap");
        assertNotEquals(0, outerSavedSp.get());
        assertEquals(0, fx.exec.savedSp());
    }

    @Test
    void aTrapPassedOnByAHostTrapsTheOuterCall() {
        var trapping = fx.function(X64.CLOBBER_AND_TRAP);
        var host = fx.host((vmctx, args) -> {
            var outcome = EntryTrampoline.invoke(fx.exec, fx.vmctx, trapping,
                    fx.buffer(1).setI32(0, TrapCode.INTEGER_DIVIDE_BY_ZERO.code()));
            if (outcome instanceof Outcome.Trapped(var code)) {
                throw new TrapException(code);
            }
        }, 1);
        assertEquals(new Outcome.Trapped(TrapCode.INTEGER_DIVIDE_BY_ZERO), callThroughNative(host, fx.buffer(2)));
    }

    @Test
    void nestedHostFailuresReachTheirOwnEntry() {
        var innerFailure = new IllegalStateException("inner");
        var innerHost = fx.host((vmctx, args) -> {
            throw innerFailure;
        }, 1);
        var outerSaw = new AtomicReference<Outcome>();
        var outerHost = fx.host((vmctx, args) -> {
            outerSaw.set(EntryTrampoline.invoke(fx.exec, fx.vmctx, callHost, fx.buffer(2).setAddress(0, innerHost)));
            throw new UnsupportedOperationException("outer");
        }, 1);
        var outcome = callThroughNative(outerHost, fx.buffer(2));
        assertSame(innerFailure, ((Outcome.HostFailed) outerSaw.get()).cause());
        var outer = assertInstanceOf(Outcome.HostFailed.class, outcome);
        assertEquals("outer", outer.cause().getMessage());
    }

    @Test
    void descriptorsRejectNegativeSlotCounts() {
        assertThrows(IllegalArgumentException.class, () -> HostUpcalls.descriptor(-1));
        assertEquals(HostUpcalls.descriptor(0).returnLayout(), HostUpcalls.descriptor(3).returnLayout());
    }
}

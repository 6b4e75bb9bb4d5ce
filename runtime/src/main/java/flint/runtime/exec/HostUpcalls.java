package flint.runtime.exec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * Host functions as native function pointers: upcall stubs with the signature
 * {@code int32 host(void *vmctx, void *argbuf)} (System V), the buffer as in {@link ArgBuffer}.
 *
 * <p>Generated code calls one like a C function (RSP 16-byte aligned, caller-saved registers
 * spilled), then checks EAX: zero means the results are in the buffer; anything else is a
 * {@link TrapCode} it must pass to the trap stub (RDI = vmctx, ESI = EAX).
 *
 * <p>An exception escaping an upcall terminates the JVM, so the Java side of every stub is
 * {@link #dispatch}, which catches every throwable. A failure's throwable waits in a per-thread
 * slot until the entry that the trap unwinds to collects it ({@link EntryTrampoline#invoke}). One
 * slot per thread suffices because entries and upcalls nest strictly on their thread: between the
 * stash and the collection only native code runs.
 */
@SuppressWarnings("restricted") // native access is this class's purpose
public final class HostUpcalls {

    private static final MethodHandle DISPATCH;

    static {
        try {
            DISPATCH = MethodHandles.lookup().findStatic(HostUpcalls.class, "dispatch",
                    MethodType.methodType(int.class, HostCallback.class, MemorySegment.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final ThreadLocal<Throwable> FAILURE = new ThreadLocal<>();

    private HostUpcalls() {}

    /** The native signature of a host function whose buffer has {@code slots} slots. */
    public static FunctionDescriptor descriptor(int slots) {
        if (slots < 0) {
            throw new IllegalArgumentException("negative slot count " + slots);
        }
        // the buffer arrives as a segment of exactly its size, no reinterpret needed per call
        var buffer = MemoryLayout.sequenceLayout(slots * ArgBuffer.SLOT_SIZE, JAVA_BYTE);
        return FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS.withTargetLayout(buffer));
    }

    /**
     * An upcall stub that runs {@code callback}: a native function pointer valid until
     * {@code arena} closes. Native code must not call it after that.
     *
     * @param slots the size of the buffer the callers pass, {@code max(params, results)}
     */
    public static MemorySegment stub(HostCallback callback, int slots, Arena arena) {
        Objects.requireNonNull(callback, "callback");
        var target = MethodHandles.insertArguments(DISPATCH, 0, callback);
        return Linker.nativeLinker().upcallStub(target, descriptor(slots), arena);
    }

    /**
     * The Java side of every stub. Must never throw: returns 0, the code of a
     * {@link TrapException} (stashing its cause if it is a host error with one), or
     * {@link TrapCode#HOST_ERROR} with the throwable stashed.
     */
    private static int dispatch(HostCallback callback, MemorySegment vmctx, MemorySegment argbuf) {
        try {
            callback.call(vmctx, new ArgBuffer(argbuf));
            return EntryTrampoline.OK;
        } catch (TrapException trap) {
            // a host error passed on from a nested call keeps its cause for the outer caller
            if (trap.code() == TrapCode.HOST_ERROR && trap.getCause() != null) {
                stash(trap.getCause());
            }
            return trap.code().code();
        } catch (Throwable failure) {
            stash(failure);
            return TrapCode.HOST_ERROR.code();
        }
    }

    /**
     * The status a runtime helper returns when it failed unexpectedly: a host error, with
     * {@code failure} stashed as its cause like a host function's, so it surfaces in Java and never
     * as a silent wrong answer.
     */
    public static int helperFailed(Throwable failure) {
        stash(failure);
        return TrapCode.HOST_ERROR.code();
    }

    private static void stash(Throwable failure) {
        try {
            FAILURE.set(failure);
        } catch (Throwable ignored) {
            // out of memory or stack even here: the trap still happens, without its cause
        }
    }

    /** Removes and returns the calling thread's stashed host failure, or null. */
    static Throwable takeFailure() {
        var failure = FAILURE.get();
        if (failure != null) {
            FAILURE.remove();
        }
        return failure;
    }
}

package flint.runtime.exec;

import java.lang.foreign.MemorySegment;

/**
 * The Java body of a host function, called from native code through an upcall stub made by
 * {@link HostUpcalls#stub}. It reads its parameters from {@code args} and writes its results there.
 *
 * <p>It may throw anything: {@link TrapException} traps with that code; any other throwable makes
 * the call trap with {@link TrapCode#HOST_ERROR} and reaches the Java caller of the entry as
 * {@link Outcome.HostFailed}. Nothing it throws ever crosses the native frames.
 */
@FunctionalInterface
public interface HostCallback {
    /**
     * @param vmctx the calling instance's vmctx (a zero-length segment: read it with
     *     {@code reinterpret} if the layout is known), e.g. to find the caller's memory
     */
    void call(MemorySegment vmctx, ArgBuffer args) throws Throwable;
}

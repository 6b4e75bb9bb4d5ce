package flint.runtime.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The native stack of a thread: addresses {@code [low, high)}; the stack grows down from
 * {@code high} towards {@code low}.
 *
 * <p>The JVM keeps its own guard zones (reserved, yellow, red) and a shadow zone for Java frames at
 * the low end, inside this range: code that runs on the stack must stop well above {@code low}. See
 * {@code flint.runtime.exec.StackLimits} for how much the runtime keeps free.
 */
@SuppressWarnings("restricted") // native access is this class's purpose
public record ThreadStack(long low, long high) {

    public ThreadStack {
        if (Long.compareUnsigned(low, high) >= 0) {
            throw new IllegalArgumentException("empty stack [0x%x, 0x%x)".formatted(low, high));
        }
    }

    public long size() {
        return high - low;
    }

    public boolean contains(long address) {
        return Long.compareUnsigned(address, low) >= 0 && Long.compareUnsigned(address, high) < 0;
    }

    /**
     * The stack bounds of the calling platform thread, as the C library records them
     * ({@code pthread_getattr_np}), the same source HotSpot uses. On a virtual thread this is the
     * carrier's stack, which changes whenever the thread remounts; callers must refuse virtual
     * threads.
     *
     * @throws PosixException if the C library cannot tell
     */
    public static ThreadStack current() {
        Posix.requireSupportedPlatform();
        try (var arena = Arena.ofConfined()) {
            // pthread_attr_t is 56 bytes on x86-64 glibc and musl; leave room for other layouts
            var attr = arena.allocate(128, 16);
            var stackAddress = arena.allocate(ADDRESS);
            var stackSize = arena.allocate(JAVA_LONG);
            long self = (long) Pthread.SELF.invokeExact();
            check("pthread_getattr_np", (int) Pthread.GETATTR_NP.invokeExact(self, attr));
            try {
                check("pthread_attr_getstack",
                        (int) Pthread.ATTR_GETSTACK.invokeExact(attr, stackAddress, stackSize));
            } finally {
                int ignored = (int) Pthread.ATTR_DESTROY.invokeExact(attr);
            }
            long low = stackAddress.get(ADDRESS, 0).address();
            return new ThreadStack(low, low + stackSize.get(JAVA_LONG, 0));
        } catch (PosixException | IllegalArgumentException e) {
            throw e;
        } catch (Throwable t) {
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("cannot read the thread's stack bounds", t);
        }
    }

    /** The pthread functions return an error number rather than setting {@code errno}. */
    private static void check(String call, int result) {
        if (result != 0) {
            throw new PosixException(call, result, Posix.strerror(result));
        }
    }

    @Override
    public String toString() {
        return "ThreadStack[0x%x, 0x%x) %d KiB".formatted(low, high, size() / 1024);
    }

    private static final class Pthread {
        static final Linker LINKER = Linker.nativeLinker();
        // pthread_t pthread_self(void)
        static final MethodHandle SELF = bind("pthread_self", FunctionDescriptor.of(JAVA_LONG));
        // int pthread_getattr_np(pthread_t thread, pthread_attr_t *attr)
        static final MethodHandle GETATTR_NP =
                bind("pthread_getattr_np", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
        // int pthread_attr_getstack(const pthread_attr_t *attr, void **stackaddr, size_t *stacksize)
        static final MethodHandle ATTR_GETSTACK =
                bind("pthread_attr_getstack", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        // int pthread_attr_destroy(pthread_attr_t *attr)
        static final MethodHandle ATTR_DESTROY =
                bind("pthread_attr_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));

        static MethodHandle bind(String name, FunctionDescriptor descriptor) {
            MemorySegment symbol = LINKER.defaultLookup().find(name)
                    .orElseThrow(() -> new UnsupportedOperationException("the C library has no " + name));
            return LINKER.downcallHandle(symbol, descriptor);
        }
    }
}

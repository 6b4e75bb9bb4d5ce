package flint.runtime.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * The C library's memory-mapping calls, bound through {@link Linker} downcalls.
 *
 * <p>Calls that can fail capture {@code errno} with {@link Linker.Option#captureCallState} right
 * after the call returns, because anything the JVM does between the call and a later read (GC,
 * safepoints, other downcalls) may overwrite it. Failures become {@link PosixException}s.
 *
 * <p>Pointers are passed as {@code long}: on Linux x86-64 (the only platform Flint targets, checked
 * on first use) a pointer and a {@code long} travel the same way, and raw addresses spare the
 * callers from wrapping every address in a {@link MemorySegment}.
 */
@SuppressWarnings("restricted") // native access is this class's purpose
public final class Posix {
    static final int PROT_READ = 0x1;
    static final int PROT_WRITE = 0x2;
    static final int PROT_EXEC = 0x4;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MAP_NORESERVE = 0x4000;
    private static final long MAP_FAILED = -1L;
    private static final int SC_PAGESIZE = 30;

    private Posix() {}

    /** Null when the platform is supported; otherwise why not. */
    private static final String UNSUPPORTED = platformProblem();

    private static String platformProblem() {
        var os = System.getProperty("os.name", "?");
        var arch = System.getProperty("os.arch", "?");
        boolean linux = os.toLowerCase(Locale.ROOT).startsWith("linux");
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        return linux && x64 ? null : "Flint's native runtime needs Linux on x86-64, not " + os + " on " + arch;
    }

    /** Throws {@link UnsupportedOperationException} unless this is Linux on x86-64. */
    public static void requireSupportedPlatform() {
        if (UNSUPPORTED != null) {
            throw new UnsupportedOperationException(UNSUPPORTED);
        }
    }

    /** Whether this is Linux on x86-64, where the native runtime works. */
    public static boolean isSupportedPlatform() {
        return UNSUPPORTED == null;
    }

    /** The downcall handles, bound on first use so that a platform check can come first. */
    private static final class Calls {
        static final Linker LINKER = Linker.nativeLinker();
        static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE.varHandle(PathElement.groupElement("errno"));

        // void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
        static final MethodHandle MMAP = withErrno("mmap",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
        // int munmap(void *addr, size_t length)
        static final MethodHandle MUNMAP = withErrno("munmap",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
        // int mprotect(void *addr, size_t len, int prot)
        static final MethodHandle MPROTECT = withErrno("mprotect",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
        // long sysconf(int name)
        static final MethodHandle SYSCONF = withErrno("sysconf", FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
        // char *strerror(int errnum)
        static final MethodHandle STRERROR = plain("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

        static MethodHandle withErrno(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(symbol(name), descriptor, Linker.Option.captureCallState("errno"));
        }

        static MethodHandle plain(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(symbol(name), descriptor);
        }

        static MemorySegment symbol(String name) {
            return LINKER.defaultLookup().find(name)
                    .orElseThrow(() -> new UnsupportedOperationException("the C library has no " + name));
        }
    }

    /** The page size: the granularity of {@link #mprotect} and of mapping lengths. */
    public static long pageSize() {
        return PageSize.VALUE;
    }

    private static final class PageSize {
        static final long VALUE = query();

        private static long query() {
            requireSupportedPlatform();
            try (var arena = Arena.ofConfined()) {
                var state = arena.allocate(Calls.CAPTURE);
                long size = (long) Calls.SYSCONF.invokeExact(state, SC_PAGESIZE);
                if (size <= 0) {
                    throw failure("sysconf(_SC_PAGESIZE)", state);
                }
                return size;
            } catch (PosixException e) {
                throw e;
            } catch (Throwable t) {
                throw unexpected("sysconf", t);
            }
        }
    }

    /**
     * Maps {@code length} bytes of private anonymous memory (zero-filled) anywhere in the address
     * space.
     *
     * @param noReserve ask the kernel not to reserve swap for the mapping ({@code MAP_NORESERVE}),
     *     for large reservations most of which is never touched
     * @return the mapping's address, page aligned
     */
    public static long mmapAnonymous(long length, Protection protection, boolean noReserve) {
        requireSupportedPlatform();
        if (length <= 0) {
            throw new IllegalArgumentException("mapping length must be positive: " + length);
        }
        int flags = MAP_PRIVATE | MAP_ANONYMOUS | (noReserve ? MAP_NORESERVE : 0);
        try (var arena = Arena.ofConfined()) {
            var state = arena.allocate(Calls.CAPTURE);
            long address = (long) Calls.MMAP.invokeExact(state, 0L, length, protection.bits(), flags, -1, 0L);
            if (address == MAP_FAILED) {
                throw failure("mmap(length=%d, %s%s)".formatted(length, protection, noReserve ? ", MAP_NORESERVE" : ""), state);
            }
            return address;
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("mmap", t);
        }
    }

    /** Unmaps {@code [address, address + length)}. */
    public static void munmap(long address, long length) {
        requireSupportedPlatform();
        try (var arena = Arena.ofConfined()) {
            var state = arena.allocate(Calls.CAPTURE);
            int result = (int) Calls.MUNMAP.invokeExact(state, address, length);
            if (result != 0) {
                throw failure("munmap(0x%x, %d)".formatted(address, length), state);
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("munmap", t);
        }
    }

    /** Changes the protection of the whole pages in {@code [address, address + length)}. */
    public static void mprotect(long address, long length, Protection protection) {
        requireSupportedPlatform();
        try (var arena = Arena.ofConfined()) {
            var state = arena.allocate(Calls.CAPTURE);
            int result = (int) Calls.MPROTECT.invokeExact(state, address, length, protection.bits());
            if (result != 0) {
                throw failure("mprotect(0x%x, %d, %s)".formatted(address, length, protection), state);
            }
        } catch (PosixException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("mprotect", t);
        }
    }

    /** The C library's description of an {@code errno} value, e.g. "Cannot allocate memory". */
    public static String strerror(int errno) {
        requireSupportedPlatform();
        try {
            var text = (MemorySegment) Calls.STRERROR.invokeExact(errno);
            if (text.equals(MemorySegment.NULL)) {
                return "unknown error " + errno;
            }
            // the C string is short; 1 KiB bounds the scan for its terminator
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw unexpected("strerror", t);
        }
    }

    private static PosixException failure(String call, MemorySegment captureState) {
        int errno = (int) Calls.ERRNO.get(captureState, 0L);
        return new PosixException(call, errno, strerror(errno));
    }

    private static IllegalStateException unexpected(String call, Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("downcall to " + call + " failed", t);
    }
}

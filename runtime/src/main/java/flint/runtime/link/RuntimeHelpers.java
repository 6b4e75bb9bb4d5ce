package flint.runtime.link;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import flint.compiler.RuntimeHelper;
import flint.runtime.exec.EntryTrampoline;
import flint.runtime.exec.HostUpcalls;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The native addresses of the {@link RuntimeHelper}s, one set for the whole process (module code
 * has them patched in, and a module may be instantiated in any store). Java-backed helpers are
 * upcall stubs in the global arena; like host functions, they catch everything, because an
 * exception escaping an upcall would end the JVM.
 */
@SuppressWarnings("restricted") // upcall stubs are this class's purpose
public final class RuntimeHelpers {

    private RuntimeHelpers() {}

    /** {@code int32 (vmctx, u32, u32, u64, u64, u64)}: copy and init of tables and memories. */
    private static final FunctionDescriptor BULK =
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final MethodType BULK_TYPE =
            MethodType.methodType(int.class, MemorySegment.class, int.class, int.class, long.class, long.class, long.class);
    private static final FunctionDescriptor DROP = FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT);
    private static final MethodType DROP_TYPE = MethodType.methodType(void.class, MemorySegment.class, int.class);

    private static final class Stubs {
        static final MemorySegment MEMORY_GROW = upcall("memoryGrow",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT, JAVA_LONG),
                MethodType.methodType(long.class, MemorySegment.class, int.class, long.class));

        static final MemorySegment TABLE_GROW = upcall("tableGrow",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG),
                MethodType.methodType(long.class, MemorySegment.class, int.class, long.class, long.class));
        static final MemorySegment TABLE_FILL = upcall("tableFill",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                MethodType.methodType(int.class, MemorySegment.class, int.class, long.class, long.class, long.class));
        static final MemorySegment TABLE_COPY = upcall("tableCopy", BULK, BULK_TYPE);
        static final MemorySegment TABLE_INIT = upcall("tableInit", BULK, BULK_TYPE);
        static final MemorySegment ELEM_DROP = upcall("elemDrop", DROP, DROP_TYPE);
        static final MemorySegment MEMORY_COPY = upcall("memoryCopy", BULK, BULK_TYPE);
        static final MemorySegment MEMORY_FILL = upcall("memoryFill",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG),
                MethodType.methodType(int.class, MemorySegment.class, int.class, long.class, int.class, long.class));
        static final MemorySegment MEMORY_INIT = upcall("memoryInit", BULK, BULK_TYPE);
        static final MemorySegment DATA_DROP = upcall("dataDrop", DROP, DROP_TYPE);

        private static MemorySegment upcall(String method, FunctionDescriptor descriptor, MethodType type) {
            try {
                var handle = MethodHandles.lookup().findStatic(RuntimeHelpers.class, method, type);
                return Linker.nativeLinker().upcallStub(handle, descriptor, Arena.global());
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /** The address generated code reaches {@code helper} at. */
    public static long address(RuntimeHelper helper) {
        return switch (helper) {
            case TRAP -> EntryTrampoline.trapStub().address();
            case MEMORY_GROW -> Stubs.MEMORY_GROW.address();
            case TABLE_GROW -> Stubs.TABLE_GROW.address();
            case TABLE_FILL -> Stubs.TABLE_FILL.address();
            case TABLE_COPY -> Stubs.TABLE_COPY.address();
            case TABLE_INIT -> Stubs.TABLE_INIT.address();
            case ELEM_DROP -> Stubs.ELEM_DROP.address();
            case MEMORY_COPY -> Stubs.MEMORY_COPY.address();
            case MEMORY_FILL -> Stubs.MEMORY_FILL.address();
            case MEMORY_INIT -> Stubs.MEMORY_INIT.address();
            case DATA_DROP -> Stubs.DATA_DROP.address();
        };
    }

    /**
     * {@link RuntimeHelper#MEMORY_GROW}. Any failure, even an unexpected one, is "cannot grow":
     * Wasm allows {@code memory.grow} to fail, and nothing may escape into native code.
     */
    private static long memoryGrow(MemorySegment vmctx, int memory, long deltaPages) {
        try {
            var instance = InstanceRegistry.lookup(vmctx.address());
            return instance == null ? -1 : instance.memory(memory).grow(deltaPages);
        } catch (Throwable t) {
            return -1;
        }
    }

    /** {@link RuntimeHelper#TABLE_GROW}; like memory.grow, any failure is "cannot grow". */
    private static long tableGrow(MemorySegment vmctx, int table, long initBits, long delta) {
        try {
            return target(vmctx).tableGrow(table, initBits, delta);
        } catch (Throwable t) {
            return -1;
        }
    }

    private static int tableFill(MemorySegment vmctx, int table, long start, long bits, long count) {
        try {
            return target(vmctx).tableFill(table, start, bits, count);
        } catch (Throwable t) {
            return HostUpcalls.helperFailed(t);
        }
    }

    private static int tableCopy(MemorySegment vmctx, int dst, int src, long d, long s, long n) {
        try {
            return target(vmctx).tableCopy(dst, src, d, s, n);
        } catch (Throwable t) {
            return HostUpcalls.helperFailed(t);
        }
    }

    private static int tableInit(MemorySegment vmctx, int table, int segment, long d, long s, long n) {
        try {
            return target(vmctx).tableInit(table, segment, d, s, n);
        } catch (Throwable t) {
            return HostUpcalls.helperFailed(t);
        }
    }

    private static int memoryCopy(MemorySegment vmctx, int dst, int src, long d, long s, long n) {
        try {
            return target(vmctx).memoryCopy(dst, src, d, s, n);
        } catch (Throwable t) {
            return HostUpcalls.helperFailed(t);
        }
    }

    private static int memoryFill(MemorySegment vmctx, int memory, long d, int value, long n) {
        try {
            return target(vmctx).memoryFill(memory, d, value, n);
        } catch (Throwable t) {
            return HostUpcalls.helperFailed(t);
        }
    }

    private static int memoryInit(MemorySegment vmctx, int memory, int segment, long d, long s, long n) {
        try {
            return target(vmctx).memoryInit(memory, segment, d, s, n);
        } catch (Throwable t) {
            return HostUpcalls.helperFailed(t);
        }
    }

    /** The drops cannot fail but must not throw either: a failure is dropped with them. */
    private static void elemDrop(MemorySegment vmctx, int segment) {
        try {
            target(vmctx).elemDrop(segment);
        } catch (Throwable ignored) {
            // nothing may cross into native code
        }
    }

    private static void dataDrop(MemorySegment vmctx, int segment) {
        try {
            target(vmctx).dataDrop(segment);
        } catch (Throwable ignored) {
            // nothing may cross into native code
        }
    }

    private static HelperTarget target(MemorySegment vmctx) {
        var target = InstanceRegistry.lookup(vmctx.address());
        if (target == null) {
            throw new IllegalStateException("no instance has vmctx 0x" + Long.toHexString(vmctx.address()));
        }
        return target;
    }
}

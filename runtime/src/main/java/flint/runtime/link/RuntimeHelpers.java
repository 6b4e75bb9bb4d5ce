package flint.runtime.link;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import flint.compiler.RuntimeHelper;
import flint.runtime.exec.EntryTrampoline;
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

    private static final class Stubs {
        static final MemorySegment MEMORY_GROW = upcall("memoryGrow",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT, JAVA_LONG),
                MethodType.methodType(long.class, MemorySegment.class, int.class, long.class));

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
}

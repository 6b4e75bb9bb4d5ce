package flint.runtime.exec;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The fixed header of every instance's vmctx, the part that the runtime's stubs rely on. The rest
 * of the vmctx (memory records, imported functions, globals; later tables and type ids) follows
 * the header, as {@code flint.compiler.VmctxLayout} places it.
 *
 * <pre>
 * offset size field
 *   0     8   execContext  pointer to the store's {@link ExecContext}
 * </pre>
 *
 * The entry trampoline and the trap stub receive the vmctx in RDI and load the execution context
 * from offset 0, so this offset is fixed in their machine code.
 */
public final class VmContext {

    public static final long EXEC_CONTEXT = 0;
    public static final long HEADER_SIZE = 8;

    private VmContext() {}

    /**
     * A zeroed vmctx of {@code size} bytes (at least the header), 16-byte aligned, whose header
     * points at {@code exec}.
     */
    public static MemorySegment allocate(Arena arena, ExecContext exec, long size) {
        var vmctx = arena.allocate(Math.max(size, HEADER_SIZE), 16);
        vmctx.set(JAVA_LONG, EXEC_CONTEXT, exec.address());
        return vmctx;
    }
}

package flint.runtime.exec;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * The execution state that the entry trampoline, the trap stub and generated code share: a 64-byte
 * native struct, one per store (a set of instances that call each other), reached from every
 * instance's vmctx through the pointer at {@link VmContext#EXEC_CONTEXT}.
 *
 * <p>It is per store rather than per instance because a trap must unwind to the innermost entry
 * trampoline whatever instance the trapping code belongs to: when instance A calls an import that
 * is instance B's function, B's trap stub must find the stack pointer that A's entry saved.
 *
 * <pre>
 * offset size field
 *   0     8   savedSp     RSP inside the innermost active entry trampoline; 0 when no Wasm runs.
 *                         The trap stub loads it into RSP. Maintained by the trampoline.
 *   8     8   stackLimit  the lowest RSP Wasm code may use: prologues compare RSP with it and trap
 *                         with CALL_STACK_EXHAUSTED below it. Set by Java on the outermost entry.
 *  16     8   entrySp     RSP recorded by the outermost entry (how deep the Java frames above go).
 *  24     4   trapCode    the code of the last trap, written by the trap stub, cleared on entry.
 *  28     4   interrupt   nonzero asks running code to trap with INTERRUPTED at its next check.
 *  32     8   trapStub    the address of the trap stub, for generated code: jmp [ctx+32].
 *  40    24   reserved
 * </pre>
 *
 * <p>A context runs Wasm on one thread at a time: the outermost call claims it for its thread, calls
 * that re-enter from host functions on the same thread nest, and a call from another thread while
 * it is claimed fails with {@link IllegalStateException} (rather than corrupting {@code savedSp}).
 */
public final class ExecContext {

    public static final long SAVED_SP = 0;
    public static final long STACK_LIMIT = 8;
    public static final long ENTRY_SP = 16;
    public static final long TRAP_CODE = 24;
    public static final long INTERRUPT = 28;
    public static final long TRAP_STUB = 32;
    public static final long SIZE = 64;

    private static final VarHandle INTERRUPT_FLAG = JAVA_INT.varHandle();
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(ExecContext.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MemorySegment segment;
    /** The thread running Wasm on this context, or null. */
    @SuppressWarnings("unused") // through OWNER
    private volatile Thread owner;
    /** Entries active on the owner thread; only the owner touches it. */
    private int depth;
    /** The thread whose stack limit is in the struct, so that repeated calls skip recomputing it. */
    private Thread limitThread;

    private ExecContext(MemorySegment segment) {
        this.segment = segment;
    }

    /**
     * A fresh context in {@code arena}, which must outlive every instance that uses it. Use a shared
     * (or global) arena if a watchdog on another thread is to {@link #requestInterrupt()}.
     */
    public static ExecContext allocate(Arena arena) {
        var segment = arena.allocate(SIZE, 64);
        segment.set(JAVA_LONG, TRAP_STUB, EntryTrampoline.trapStub().address());
        return new ExecContext(segment);
    }

    public MemorySegment segment() {
        return segment;
    }

    public long address() {
        return segment.address();
    }

    /** The saved RSP of the innermost active entry; 0 when no Wasm runs on this context. */
    public long savedSp() {
        return segment.get(JAVA_LONG, SAVED_SP);
    }

    public long stackLimit() {
        return segment.get(JAVA_LONG, STACK_LIMIT);
    }

    /** The RSP the outermost entry recorded (the most recent one, once it has returned). */
    public long entrySp() {
        return segment.get(JAVA_LONG, ENTRY_SP);
    }

    /** The code of the last trap on this context, 0 if the last call did not trap. */
    public int lastTrapCode() {
        return segment.get(JAVA_INT, TRAP_CODE);
    }

    /**
     * Asks running code to stop: it traps with {@link TrapCode#INTERRUPTED} at its next check (loop
     * headers, function entries). Safe from any thread if the context's arena is shared. The flag
     * stays raised until {@link #clearInterrupt()}, so every later call traps too.
     */
    public void requestInterrupt() {
        INTERRUPT_FLAG.setVolatile(segment, INTERRUPT, 1);
    }

    public void clearInterrupt() {
        INTERRUPT_FLAG.setVolatile(segment, INTERRUPT, 0);
    }

    public boolean isInterruptRequested() {
        return (int) INTERRUPT_FLAG.getVolatile(segment, INTERRUPT) != 0;
    }

    /** Whether Wasm runs on this context now (on any thread). */
    public boolean isActive() {
        return owner != null;
    }

    /**
     * Claims the context for the calling thread before an entry. The outermost entry also sets the
     * stack limit for this thread (when another thread ran the context last).
     */
    void enter() {
        var current = Thread.currentThread();
        if (owner == current) {
            depth++;
            return;
        }
        if (current.isVirtual()) {
            throw new IllegalStateException("Wasm cannot run on a virtual thread: its native stack moves between"
                    + " carriers, so no stack limit holds; use a platform thread such as a NativeThread");
        }
        if (!OWNER.compareAndSet(this, null, current)) {
            throw new IllegalStateException("execution context is in use by " + owner + "; a store runs on one"
                    + " thread at a time");
        }
        depth = 1;
        if (limitThread != current) {
            segment.set(JAVA_LONG, STACK_LIMIT, StackLimits.forCurrentThread());
            limitThread = current;
        }
    }

    /** Releases one level of {@link #enter()}. */
    void exit() {
        if (--depth == 0) {
            OWNER.setRelease(this, null);
        }
    }

    /** The pointer a vmctx stores at {@link VmContext#EXEC_CONTEXT}. */
    boolean isReferencedBy(MemorySegment vmctx) {
        Objects.requireNonNull(vmctx, "vmctx");
        return vmctx.byteSize() >= VmContext.HEADER_SIZE
                && vmctx.get(JAVA_LONG, VmContext.EXEC_CONTEXT) == segment.address();
    }

    @Override
    public String toString() {
        return "ExecContext[0x%x]".formatted(address());
    }
}

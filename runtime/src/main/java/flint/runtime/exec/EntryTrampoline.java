package flint.runtime.exec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * The single way from Java into generated code: one downcall handle to one piece of machine code
 * ({@link TrampolineCode}) that takes {@code (vmctx, function, argument buffer)} and returns a
 * status, plus the trap stub that generated code jumps to.
 *
 * <p>The functions it calls follow the array-call convention: RDI = vmctx, RSI = argument buffer
 * ({@link ArgBuffer}), results written back into the buffer, any register but RSP clobbered, a
 * normal return on success. The compiler emits one such shim per function Java may call
 * ({@code flint.compiler.ShimGenerator}), moving values between the buffer and the Wasm calling
 * convention.
 *
 * <p>The code lives in a process-wide page that is never unmapped, so no call can outlive it.
 */
@SuppressWarnings("restricted") // native access is this class's purpose
public final class EntryTrampoline {

    /** {@code int32 (void *vmctx, void *fn, void *argbuf)}. */
    public static final FunctionDescriptor DESCRIPTOR = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS);

    /** Status of a normal return. Anything else is a {@link TrapCode} (or a malfunction). */
    public static final int OK = 0;

    private EntryTrampoline() {}

    private static final class Code {
        static final CodeMemory MEMORY = CodeMemory.load(TrampolineCode.bytes());
        // global-scope addresses: the code is never unmapped
        static final MemorySegment ENTRY = MemorySegment.ofAddress(MEMORY.address() + TrampolineCode.ENTRY_OFFSET);
        static final MemorySegment TRAP_STUB =
                MemorySegment.ofAddress(MEMORY.address() + TrampolineCode.TRAP_STUB_OFFSET);
        // Unbound (the target is the first argument) so the handle is a constant the JIT can inline;
        // not Linker.Option.critical, because Wasm may run long and call back into Java.
        static final MethodHandle INVOKER = Linker.nativeLinker().downcallHandle(DESCRIPTOR);
    }

    /** The trampoline's address. */
    public static MemorySegment address() {
        return Code.ENTRY;
    }

    /**
     * The trap stub's address (also in every {@link ExecContext} at {@link ExecContext#TRAP_STUB}).
     * Jump there with RDI = vmctx and ESI = a {@link TrapCode#code()}.
     */
    public static MemorySegment trapStub() {
        return Code.TRAP_STUB;
    }

    /**
     * Calls {@code function} with {@code args}, catching traps and host failures.
     *
     * @param exec the store's execution context; {@code vmctx} must point at it
     * @param vmctx the callee instance's context
     * @param function an array-call entry point, e.g. from {@link CodeMemory#entry(int)}
     * @throws IllegalStateException if {@code exec} is running Wasm on another thread, or the call
     *     is made on a virtual thread
     */
    public static Outcome invoke(ExecContext exec, MemorySegment vmctx, MemorySegment function, ArgBuffer args) {
        int status = invokeRaw(exec, vmctx, function, args.segment());
        return status == OK ? Outcome.RETURNED : outcomeOf(status);
    }

    /**
     * {@link #invoke} without interpreting the status, for callers that only need it. After a
     * {@link TrapCode#HOST_ERROR} status, call {@link #outcomeOf} to collect the host's exception.
     */
    public static int invokeRaw(ExecContext exec, MemorySegment vmctx, MemorySegment function, MemorySegment args) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(args, "args");
        if (!exec.isReferencedBy(vmctx)) {
            throw new IllegalArgumentException("vmctx does not point at " + exec);
        }
        if (function.address() == 0) {
            throw new IllegalArgumentException("null function pointer");
        }
        if (!function.scope().isAlive() || !args.scope().isAlive()) {
            throw new IllegalStateException("the function's code memory or the argument buffer is closed");
        }
        exec.enter();
        try {
            // Raw addresses (global scope), not the callers' segments: the linker would otherwise
            // acquire and release each segment's shared arena around the call, three atomic
            // updates each way that cost more than the call itself. Keeping code, vmctx and
            // buffer alive while Wasm runs is the instance's job (and the checks above catch use
            // after close on this thread).
            return (int) Code.INVOKER.invokeExact(Code.ENTRY, MemorySegment.ofAddress(vmctx.address()),
                    MemorySegment.ofAddress(function.address()), MemorySegment.ofAddress(args.address()));
        } catch (RuntimeException | Error e) {
            throw e; // an argument the linker refused; native code itself never throws
        } catch (Throwable t) {
            throw new IllegalStateException("downcall failed", t);
        } finally {
            exec.exit();
        }
    }

    /**
     * The outcome a status stands for. For {@link TrapCode#HOST_ERROR} this collects the calling
     * thread's stashed host exception, so call it on the thread that made the call, once.
     */
    public static Outcome outcomeOf(int status) {
        if (status == OK) {
            return Outcome.RETURNED;
        }
        if (status == TrapCode.HOST_ERROR.code()) {
            var cause = HostUpcalls.takeFailure();
            return cause != null ? new Outcome.HostFailed(cause) : TRAPPED[TrapCode.HOST_ERROR.ordinal()];
        }
        if (status == TrapCode.MISSING_CODE) {
            return new Outcome.Malfunction(status, "generated code trapped without a trap code");
        }
        return TrapCode.of(status)
                .<Outcome>map(code -> TRAPPED[code.ordinal()])
                .orElseGet(() -> new Outcome.Malfunction(status, "unknown status " + status));
    }

    /** One immutable outcome per trap code, so that the trap path allocates nothing. */
    private static final Outcome.Trapped[] TRAPPED = java.util.Arrays.stream(TrapCode.values())
            .map(Outcome.Trapped::new).toArray(Outcome.Trapped[]::new);
}

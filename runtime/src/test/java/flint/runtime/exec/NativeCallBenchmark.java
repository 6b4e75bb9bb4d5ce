package flint.runtime.exec;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

/**
 * What crossing between Java and native code costs, without JMH: each case is its own loop (so the
 * JIT compiles each call site for one target), runs in batches after a warm-up, and the median
 * and minimum of the batches' per-call times are printed. Not a test; run it by hand:
 *
 * <pre>
 * ./mvnw -q -B -o -pl runtime test-compile
 * $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED \
 *     -cp runtime/target/test-classes:runtime/target/classes:compiler/target/classes \
 *     flint.runtime.exec.NativeCallBenchmark [batches] [calls-per-batch]
 * </pre>
 */
@SuppressWarnings("restricted")
public final class NativeCallBenchmark {

    /** Thrown by the failing host without a stack trace, to time the path rather than the throwable. */
    private static final RuntimeException PREALLOCATED = new RuntimeException("benchmark", null, false, false) {};
    private static final Fixture FX = new Fixture();
    /** Global-scope address (no arena to acquire per call), as the trampoline uses. */
    private static final MemorySegment RETURN_ZERO = MemorySegment.ofAddress(FX.function(X64.RETURN_ZERO).address());
    /** A plain downcall straight into {@code xor eax, eax; ret}: the floor. */
    private static final MethodHandle RAW = Linker.nativeLinker().downcallHandle(FunctionDescriptor.of(JAVA_INT));
    /** The trampoline without the Java bookkeeping of {@link EntryTrampoline#invokeRaw}. */
    private static final MethodHandle TRAMPOLINE = Linker.nativeLinker().downcallHandle(EntryTrampoline.DESCRIPTOR);
    private static final MemorySegment RET = FX.function(X64.RET);
    private static final MemorySegment CALL_HOST = FX.function(X64.CALL_HOST);
    private static final MemorySegment TRAP = FX.function(X64.CLOBBER_AND_TRAP);
    private static final ArgBuffer ARGS = FX.buffer(2);
    private static final MemorySegment VMCTX_ADDRESS = MemorySegment.ofAddress(FX.vmctx.address());
    private static final MemorySegment RET_ADDRESS = MemorySegment.ofAddress(RET.address());
    private static final MemorySegment ARGS_ADDRESS = MemorySegment.ofAddress(ARGS.segment().address());
    private static final ArgBuffer HOST_ARGS = FX.buffer(2).setAddress(0, FX.host((vmctx, args) -> {}, 1));
    private static final ArgBuffer HOST_THROWS_ARGS = FX.buffer(2).setAddress(0, FX.host((vmctx, args) -> {
        throw PREALLOCATED;
    }, 1));
    private static final ArgBuffer TRAP_ARGS = FX.buffer(2).setI32(0, TrapCode.UNREACHABLE.code());

    private NativeCallBenchmark() {}

    public static void main(String[] arguments) {
        int batches = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 31;
        int calls = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 200_000;
        System.out.printf(Locale.ROOT, "%d batches of %d calls; ns per call: median (min)%n", batches, calls);
        long sink = 0;
        sink += measure("raw downcall into xor eax,eax; ret", batches, calls, NativeCallBenchmark::raw);
        sink += measure("downcall to the trampoline -> ret", batches, calls, NativeCallBenchmark::trampolineOnly);
        sink += measure("EntryTrampoline.invokeRaw -> ret", batches, calls, NativeCallBenchmark::invokeRaw);
        sink += measure("EntryTrampoline.invoke -> ret (Outcome)", batches, calls, NativeCallBenchmark::invoke);
        sink += measure("invokeRaw -> native -> empty Java host", batches, calls, NativeCallBenchmark::upcall);
        sink += measure("invoke -> trap from a nested frame", batches, calls, NativeCallBenchmark::trap);
        sink += measure("invoke -> host throws (HostFailed)", batches, calls / 4, NativeCallBenchmark::hostThrows);
        System.out.println("(checksum " + sink + ")");
        FX.close();
    }

    private static int raw(int calls) {
        int acc = 0;
        for (int i = 0; i < calls; i++) {
            try {
                acc += (int) RAW.invokeExact(RETURN_ZERO);
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        }
        return acc;
    }

    private static int trampolineOnly(int calls) {
        int acc = 0;
        for (int i = 0; i < calls; i++) {
            try {
                acc += (int) TRAMPOLINE.invokeExact(EntryTrampoline.address(), VMCTX_ADDRESS, RET_ADDRESS, ARGS_ADDRESS);
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        }
        return acc;
    }

    private static int invokeRaw(int calls) {
        int acc = 0;
        for (int i = 0; i < calls; i++) {
            acc += EntryTrampoline.invokeRaw(FX.exec, FX.vmctx, RET, ARGS.segment());
        }
        return acc;
    }

    private static int invoke(int calls) {
        int acc = 0;
        for (int i = 0; i < calls; i++) {
            acc += FX.invoke(RET, ARGS) == Outcome.RETURNED ? 1 : 0;
        }
        return acc;
    }

    private static int upcall(int calls) {
        int acc = 0;
        for (int i = 0; i < calls; i++) {
            acc += EntryTrampoline.invokeRaw(FX.exec, FX.vmctx, CALL_HOST, HOST_ARGS.segment());
        }
        return acc;
    }

    private static int trap(int calls) {
        int acc = 0;
        for (int i = 0; i < calls; i++) {
            acc += FX.invoke(TRAP, TRAP_ARGS) instanceof Outcome.Trapped ? 1 : 0;
        }
        return acc;
    }

    private static int hostThrows(int calls) {
        int acc = 0;
        for (int i = 0; i < calls; i++) {
            acc += FX.invoke(CALL_HOST, HOST_THROWS_ARGS) instanceof Outcome.HostFailed ? 1 : 0;
        }
        return acc;
    }

    /** Runs {@code loop} in batches of {@code calls}; prints median and minimum ns per call. */
    private static long measure(String name, int batches, int calls, IntUnaryOperator loop) {
        long sink = 0;
        for (int warm = 0; warm < 10; warm++) {
            sink += loop.applyAsInt(calls);
        }
        var perCall = new double[batches];
        for (int i = 0; i < batches; i++) {
            long start = System.nanoTime();
            sink += loop.applyAsInt(calls);
            perCall[i] = (double) (System.nanoTime() - start) / calls;
        }
        Arrays.sort(perCall);
        System.out.printf(Locale.ROOT, "%-42s %7.1f  (%.1f)%n", name, perCall[batches / 2], perCall[0]);
        return sink;
    }
}

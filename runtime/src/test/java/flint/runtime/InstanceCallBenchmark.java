package flint.runtime;

import static flint.compiler.x64.asm.Gpr.RAX;
import static flint.compiler.x64.asm.Size.S64;
import static flint.wasm.model.NumType.I64;

import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.FuncType;
import flint.wasm.value.Value;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What a call through the embedding API costs, on top of the raw crossings that
 * {@code flint.runtime.exec.NativeCallBenchmark} measures: Java → Wasm through
 * {@link NativeFunction#call} on the calling thread and handed to the store's thread, and Wasm →
 * Java through an imported host function. Not a test; run it by hand:
 *
 * <pre>
 * ./mvnw -q -B -o -pl runtime test-compile
 * $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED \
 *     -cp runtime/target/test-classes:runtime/target/classes:compiler/target/classes \
 *     flint.runtime.InstanceCallBenchmark [batches] [calls-per-batch]
 * </pre>
 */
public final class InstanceCallBenchmark {

    private static final FuncType I64_I64_TO_I64 = FuncType.of(List.of(I64, I64), List.of(I64));

    private InstanceCallBenchmark() {}

    public static void main(String[] arguments) {
        int batches = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 21;
        int calls = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 50_000;
        System.out.printf(Locale.ROOT, "%d batches of %d calls; ns per call: median (min)%n", batches, calls);
        try (var here = NativeStore.create(NativeStore.Config.onCallingThread());
                var threaded = NativeStore.create()) {
            var add = add(here).function("add");
            var args = List.of(Value.i64(40), Value.i64(2));
            measure("NativeFunction.call, calling thread", batches, calls, () -> ((Value.I64) add.call(args).getFirst()).value());
            var addThreaded = add(threaded).function("add");
            measure("NativeFunction.call, store thread (hand-off)", batches, calls / 10,
                    () -> ((Value.I64) addThreaded.call(args).getFirst()).value());
            var host = hostCaller(here).function("call_f");
            measure("Java -> Wasm -> host function -> back", batches, calls,
                    () -> ((Value.I64) host.call(args).getFirst()).value());
        }
    }

    private static NativeInstance add(NativeStore store) {
        var b = new ModuleBuilder();
        int add = b.function(I64_I64_TO_I64, List.of());
        b.exportFunction("add", add);
        try (var module = HandCompiler.of(b.build()).function(add, f -> {
            f.asm.mov(S64, RAX, f.param(0));
            f.asm.add(S64, RAX, f.param(1));
            f.asm.mov(S64, f.result(0), RAX);
        }).load()) {
            return NativeInstance.instantiate(store, module, ImportResolver.NONE);
        }
    }

    private static NativeInstance hostCaller(NativeStore store) {
        var b = new ModuleBuilder();
        int f = b.importFunction("env", "f", I64_I64_TO_I64);
        int forward = b.function(I64_I64_TO_I64, List.of());
        b.exportFunction("call_f", forward);
        var host = new HostFunction("env.f", I64_I64_TO_I64, args -> List.of(args.getFirst()));
        try (var module = HandCompiler.of(b.build()).function(forward, fn -> {
            for (int i = 0; i < 2; i++) {
                fn.asm.mov(S64, RAX, fn.param(i));
                fn.asm.mov(S64, fn.arg(i), RAX);
            }
            fn.callImport(f);
            fn.asm.mov(S64, RAX, fn.arg(0));
            fn.asm.mov(S64, fn.result(0), RAX);
        }).load()) {
            return NativeInstance.instantiate(store, module, NativeTest.imports("env", "f", host));
        }
    }

    private static void measure(String name, int batches, int calls, LongSupplier call) {
        long sink = 0;
        for (int i = 0; i < calls; i++) { // warm-up
            sink += call.getAsLong();
        }
        var perCall = new double[batches];
        for (int b = 0; b < batches; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                sink += call.getAsLong();
            }
            perCall[b] = (System.nanoTime() - start) / (double) calls;
        }
        Arrays.sort(perCall);
        System.out.printf(Locale.ROOT, "%-48s %8.1f (%.1f)%s%n", name, perCall[batches / 2], perCall[0],
                sink == 42 ? " " : "");
    }
}

package flint.benchmarks;

import flint.compiler.NativeCompiler;
import flint.compiler.microwasm.MicrowasmModule;
import flint.wasm.model.WasmModule;
import flint.wasm.text.WatParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The compiler's cost per operator: a function made of one snippet repeated {@link #COUNT} times,
 * each snippet centred on one operator (with the local.get/local.set around it that keep the
 * stack balanced). {@code convert} is validation plus Microwasm conversion; {@code compile} adds
 * the backend, so {@code compile - convert} is the backend's cost per snippet.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class OperatorBenchmark {

    static final int COUNT = 2000;

    @Param({"i32.add", "i32.mul", "i32.div_s", "i32.shl", "i32.eqz", "i64.add", "i64.mul", "i32.load", "i32.store",
            "br_if", "select", "call", "const-fold"})
    public String operator;

    private WasmModule module;

    @Setup
    public void setup() {
        module = WatParser.parse(wat(operator).getBytes(StandardCharsets.UTF_8), operator + ".wat");
    }

    /** The module text: $f repeats the operator's snippet; $g is a callee for "call". */
    static String wat(String operator) {
        var snippet = switch (operator) {
            case "i32.add", "i32.mul", "i32.div_s", "i32.shl" -> "local.get 0 local.get 1 " + operator + " local.set 0";
            case "i32.eqz" -> "local.get 0 i32.eqz local.set 1";
            case "i64.add", "i64.mul" -> "local.get 2 local.get 3 " + operator + " local.set 2";
            case "i32.load" -> "local.get 1 i32.load offset=8 local.set 0";
            case "i32.store" -> "local.get 1 local.get 0 i32.store offset=4";
            case "br_if" -> "block local.get 0 local.get 1 i32.lt_s br_if 0 local.get 0 i32.const 1 i32.add local.set 0 end";
            case "select" -> "local.get 0 local.get 1 local.get 0 select local.set 1";
            case "call" -> "local.get 0 local.get 1 call $g local.set 0";
            case "const-fold" -> "i32.const 7 i32.const 5 i32.add local.get 0 i32.add local.set 0";
            default -> throw new IllegalArgumentException("no snippet for " + operator);
        };
        var wat = new StringBuilder("(module (memory 1)\n")
                .append("  (func $g (param i32 i32) (result i32) local.get 0 local.get 1 i32.xor)\n")
                .append("  (func $f (export \"f\") (param i32 i32) (result i32) (local i64 i64)\n");
        for (int i = 0; i < COUNT; i++) wat.append("    ").append(snippet).append('\n');
        return wat.append("    local.get 0))\n").toString();
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public MicrowasmModule convert() {
        return MicrowasmModule.convert(module);
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public Object compile() {
        return NativeCompiler.compile(module);
    }
}

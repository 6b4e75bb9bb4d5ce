package flint.benchmarks;

import flint.compiler.NativeCompiler;
import flint.compiler.microwasm.MicrowasmModule;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.Validator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each stage of the compiler's pipeline on a whole benchmark module: decoding, validation,
 * Microwasm conversion (which validates too) and the full compile to x86-64. Subtracting one
 * stage's time from the next gives that stage's own cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PipelineBenchmark {

    /** The large generated program (compile throughput) and a small hand-written one. */
    @Param({"large", "sha256"})
    public String program;

    private byte[] bytes;
    private WasmModule module;

    @Setup
    public void setup() {
        bytes = Corpus.read(program);
        module = ModuleDecoder.decode(bytes);
    }

    @Benchmark
    public WasmModule decode() {
        return ModuleDecoder.decode(bytes);
    }

    @Benchmark
    public WasmModule validate() {
        Validator.validate(module);
        return module;
    }

    @Benchmark
    public MicrowasmModule microwasm() {
        return MicrowasmModule.convert(module);
    }

    @Benchmark
    public Object compile() {
        return NativeCompiler.compile(module);
    }
}

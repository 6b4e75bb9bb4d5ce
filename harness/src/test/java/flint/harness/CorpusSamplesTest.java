package flint.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.harness.engine.Engine;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.Instance;
import flint.harness.engine.Trap;
import flint.harness.engine.TrapKind;
import flint.wasm.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample modules in corpus/samples (built from corpus/c) compute what their C sources say, on
 * every engine. Expected values come from the sources' comments or independent computation.
 */
class CorpusSamplesTest {

    static final Path SAMPLES = Path.of(System.getProperty("basedir", "."), "..", "corpus", "samples");

    static List<String> engines() {
        return Engines.names();
    }

    private static Instance load(String engineName, String sample) throws IOException {
        Engine engine = Engines.create(engineName).orElseThrow();
        return engine.instantiate(Files.readAllBytes(SAMPLES.resolve(sample + ".wasm")));
    }

    @ParameterizedTest @MethodSource("engines")
    void fib(String engine) throws IOException {
        var fib = load(engine, "fib");
        assertEquals(List.of(Value.i32(55)), fib.call("fib", Value.i32(10)));
        assertEquals(List.of(Value.i32(75025)), fib.call("fib_rec", Value.i32(25)));
        assertEquals(List.of(Value.i64(2432902008176640000L)), fib.call("fact", Value.i32(20)));
        assertEquals(List.of(Value.i32(111)), fib.call("collatz", Value.i64(27)));
    }

    @ParameterizedTest @MethodSource("engines")
    void sort(String engine) throws IOException {
        var sort = load(engine, "sort");
        sort.call("sort_checksum", Value.i32(42), Value.i32(4096));
        assertEquals(List.of(Value.i32(1)), sort.call("is_sorted", Value.i32(4096)));
        int previous = Integer.MIN_VALUE;
        for (int i = 0; i < 4096; i += 97) {
            int v = ((Value.I32) sort.call("get", Value.i32(i)).getFirst()).value();
            assertTrue(previous <= v);
            previous = v;
        }
    }

    @ParameterizedTest @MethodSource("engines")
    void hash(String engine) throws IOException {
        var hash = load(engine, "hash");
        assertEquals(List.of(Value.i32(0x414F_A339)), hash.call("crc32_text"));
        assertEquals(List.of(Value.i32(0x048F_FF90)), hash.call("fnv1a_prefix", Value.i32(43)));
        // zlib.crc32(bytes((i * 3) & 255 for i in range(1000)))
        assertEquals(List.of(Value.i32((int) 2166137027L)), hash.call("crc32_pattern", Value.i32(1000), Value.i32(3)));
        assertTrue(hash.defaultMemory().orElseThrow().pages() >= 2, "the 64 KiB buffer lives in linear memory");
    }

    @ParameterizedTest @MethodSource("engines")
    void numeric(String engine) throws IOException {
        Instance numeric;
        try {
            numeric = load(engine, "numeric");
        } catch (EngineFailure e) {
            // the native compiler's first stage rejects the whole module (it has float functions)
            Assumptions.abort(engine + " cannot compile this float module yet: " + e.getMessage());
            return;
        }
        assertEquals(List.of(Value.i64(-2)), numeric.call("mulhi_u64", Value.i64(-1), Value.i64(-1)));
        assertEquals(List.of(Value.i64(0xFFFF_FFFFL)), numeric.call("isqrt_u64", Value.i64(-1)));
        assertEquals(TrapKind.INTEGER_OVERFLOW, assertThrows(Trap.class,
                () -> numeric.call("div_s64", Value.i64(Long.MIN_VALUE), Value.i64(-1))).kind());
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, assertThrows(Trap.class,
                () -> numeric.call("div_s64", Value.i64(1), Value.i64(0))).kind());
        // Floating point last: an engine still without it (the native compiler's first stage) says
        // so with an EngineFailure, which skips the rest rather than failing.
        try {
            assertEquals(List.of(Value.f32(99.5f)), numeric.call("poly_f32", Value.f32(3f)));
            assertEquals(List.of(Value.i64(Long.MIN_VALUE)), numeric.call("f64_to_i64_sat", Value.f64(Double.NEGATIVE_INFINITY)));
            var nan = (Value.F64) numeric.call("newton_sqrt", Value.f64(-1)).getFirst();
            assertTrue(Double.isNaN(nan.value()));
        } catch (EngineFailure e) {
            Assumptions.abort(engine + " cannot run the float functions yet: " + e.getMessage());
        }
    }
}

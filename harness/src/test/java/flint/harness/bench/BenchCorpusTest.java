package flint.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.harness.Engines;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.frontend.FrontEndEngine;
import flint.wasm.model.FuncType;
import flint.wasm.model.ValType;
import flint.wasm.value.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed benchmark modules are valid, export the two workloads, and compute the same
 * checksum on the reference interpreter and on Flint (small workload; an engine that does not
 * support a program yet, Flint before floating point, is skipped for it).
 */
class BenchCorpusTest {

    static final Path BENCH = Path.of(System.getProperty("basedir", "."), "..", "corpus", "bench");

    static List<BenchProgram> programs() {
        return BenchProgram.load(BENCH, Set.of());
    }

    @Test
    void theSuiteHasTheProgramsTheIssueAsksFor() {
        var names = programs().stream().map(BenchProgram::name).toList();
        assertTrue(names.size() >= 13, "at least 12 kernels and the large program: " + names);
        assertTrue(names.containsAll(List.of("sieve", "crc32", "sha256", "lz", "sort", "interp", "fib", "matmul_int",
                "nbody", "spectral", "mandelbrot", "matmul_f64", "fft", BenchProgram.LARGE)), names.toString());
        var large = programs().stream().filter(p -> p.name().equals(BenchProgram.LARGE)).findFirst().orElseThrow();
        assertTrue(large.codeBytes() >= 200_000, "the large program has " + large.codeBytes() + " bytes of code");
    }

    @ParameterizedTest(name = "{0}") @MethodSource("programs")
    void validatesAndExportsBothWorkloads(BenchProgram program) {
        var module = FrontEndEngine.check(program.bytes());
        var runType = new FuncType(List.of(), List.of(ValType.i32()));
        var instance = new FrontEndEngine().instantiate(program.bytes());
        for (var w : Workload.values()) {
            assertEquals(runType, instance.functionType(w.export()), program + " " + w.export());
        }
        assertTrue(module.imports().isEmpty(), program + " needs no imports");
    }

    @ParameterizedTest(name = "{0}") @MethodSource("programs")
    void smallWorkloadChecksumsAgree(BenchProgram program) {
        var reference = checksum("chicory", program);
        int flint;
        try {
            flint = checksum(Engines.DEFAULT, program);
        } catch (EngineFailure e) {
            Assumptions.assumeFalse(BenchFailure.meansNotSupported(e), "flint does not support " + program + " yet: " + e.getMessage());
            throw e;
        }
        assertEquals(reference, flint, program + ": chicory and flint disagree on run_small");
    }

    private static int checksum(String engine, BenchProgram program) {
        var instance = Engines.create(engine).orElseThrow().instantiate(program.bytes());
        return ((Value.I32) instance.call(Workload.SMALL.export()).getFirst()).value();
    }
}

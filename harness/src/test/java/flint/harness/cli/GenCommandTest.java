package flint.harness.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenCommandTest {

    @Test void writesTheModuleOfASeedReproducibly(@TempDir Path dir) throws Exception {
        var a = dir.resolve("a.wasm");
        var b = dir.resolve("b.wasm");
        assertEquals(0, CliRun.of("gen", "--seed", "9", "--out", a.toString()).exitCode());
        assertEquals(0, CliRun.of("gen", "--seed", "9", "--out", b.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        var validate = CliRun.of("validate", a.toString());
        assertEquals(0, validate.exitCode(), validate.err());
    }

    @Test void printsTextAndSummaries() {
        var print = CliRun.of("gen", "--seed", "3", "--print");
        assertTrue(print.out().startsWith("(module"), print.out());
        var summary = CliRun.of("gen", "--seed", "3", "--mode", "linked");
        assertTrue(summary.out().contains("seed 3 m1:"), summary.out());
    }

    @Test void linkedProgramsGoToNumberedFiles(@TempDir Path dir) {
        assertEquals(0, CliRun.of("gen", "--seed", "4", "--mode", "linked", "--out", dir.resolve("p.wasm").toString()).exitCode());
        assertTrue(Files.exists(dir.resolve("p.m0.wasm")) && Files.exists(dir.resolve("p.m1.wasm")));
    }

    @Test void statsAndCheck() {
        var stats = CliRun.of("gen", "--stats", "30");
        assertEquals(0, stats.exitCode(), stats.err());
        assertTrue(stats.out().contains("| i32.add | mvp |"), stats.out());
        var check = CliRun.of("gen", "--check", "20", "--swarm");
        assertEquals(0, check.exitCode(), check.out() + check.err());
        assertTrue(check.out().contains("20 modules checked"), check.out());
    }

    @Test void rejectsUnknownFeaturesAndKinds() {
        assertEquals(ExitCodes.USAGE, CliRun.of("gen", "--features", "threads").exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.of("gen", "--weights", "bogus=1").exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.of("gen", "--mode", "nonsense").exitCode());
    }

    @Test void mutatesAModule(@TempDir Path dir) {
        var sample = Path.of(System.getProperty("user.dir")).resolveSibling("corpus").resolve("samples").resolve("fib.wasm");
        var out = dir.resolve("m.wasm");
        assertEquals(0, CliRun.of("gen", "--seed", "2", "--mutate", sample.toString(), "--out", out.toString()).exitCode());
        assertEquals(0, CliRun.of("validate", out.toString()).exitCode());
    }
}

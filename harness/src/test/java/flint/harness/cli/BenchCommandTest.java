package flint.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flint bench} on one small program and one engine: the reports appear; mistakes are usage errors. */
class BenchCommandTest {

    static final String CORPUS = Path.of(System.getProperty("basedir", "."), "..", "corpus", "bench").toString();

    @Test
    void writesTheThreeReports(@TempDir Path out) throws IOException {
        var run = CliRun.of("bench", "--engines", "flint", "--programs", "fib", "--repetitions", "1", "--warmup", "0",
                "--corpus", CORPUS, "--out", out.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        var summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("| fib | "), summary);
        assertTrue(Files.readString(out.resolve("chart.svg")).startsWith("<svg"));
        assertTrue(Files.readString(out.resolve("results.json")).contains("\"fib\""));
        assertTrue(run.err().contains("fib"), "progress goes to stderr: " + run.err());
    }

    @Test
    void unknownEngineOrProgramIsAUsageError(@TempDir Path out) {
        var engine = CliRun.of("bench", "--engines", "nope", "--corpus", CORPUS, "--out", out.toString());
        assertEquals(ExitCodes.USAGE, engine.exitCode());
        assertTrue(engine.err().contains("unknown engine 'nope'"), engine.err());
        var program = CliRun.of("bench", "--programs", "nope", "--corpus", CORPUS, "--out", out.toString());
        assertEquals(ExitCodes.USAGE, program.exitCode());
        assertTrue(program.err().contains("no such program"), program.err());
    }
}

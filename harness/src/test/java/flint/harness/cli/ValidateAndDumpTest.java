package flint.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.harness.engine.TestModules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateAndDumpTest {

    @TempDir Path dir;

    private String write(String module) throws IOException {
        var file = dir.resolve(module + ".wasm");
        Files.write(file, TestModules.load(module));
        return file.toString();
    }

    @Test void validModulesAreReportedOnStdout() throws IOException {
        var values = write("values");
        var state = write("state");
        var run = CliRun.of("validate", values, state);
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals(List.of(values + ": valid", state + ": valid"), run.outLines());
        assertEquals("", run.err());
    }

    @Test void everyBadFileGetsOneLineAndTheRunGoesOn() throws IOException {
        var invalid = write("invalid");
        var values = write("values");
        var garbage = dir.resolve("garbage.wasm");
        Files.writeString(garbage, "(module)");
        var missing = dir.resolve("missing.wasm").toString();
        var run = CliRun.of("validate", invalid, garbage.toString(), missing, values);
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals(List.of(values + ": valid"), run.outLines());
        var errors = run.err().lines().toList();
        assertEquals(3, errors.size(), run.err());
        assertTrue(errors.get(0).startsWith("flint: " + invalid + ": invalid module: type mismatch"), errors.get(0));
        assertTrue(errors.get(1).startsWith("flint: " + garbage + ": malformed module: magic header not detected"), errors.get(1));
        assertEquals("flint: " + missing + ": no such file", errors.get(2));
    }

    @Test void validateNeedsAFile() {
        assertEquals(ExitCodes.USAGE, CliRun.of("validate").exitCode());
    }

    @Test void dumpListsTheSections() throws IOException {
        var run = CliRun.of("dump", write("state"));
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        var lines = run.outLines();
        assertTrue(lines.contains("memories (1)"), run.out());
        assertTrue(lines.contains("  0  pages 1..3"), run.out());
        assertTrue(lines.contains("  0  (mut i32) = i32.const 5"), run.out());
        assertTrue(lines.contains("  3  f32 = f32.const nan:0x200001"), run.out());
        assertTrue(lines.contains("  4  (mut externref) = ref.null extern"), run.out());
        assertTrue(lines.contains("  \"counter\"  global 0"), run.out());
        assertTrue(lines.contains("  0  active memory 0 at i32.const 16, 7 bytes"), run.out());
    }

    @Test void dumpShowsImportsAndTags() throws IOException {
        var host = CliRun.of("dump", write("host"));
        assertTrue(host.outLines().contains("  \"env\" \"add\"  func type 0 [i32 i32] -> [i32]"), host.out());
        var exn = CliRun.of("dump", write("exn"));
        assertTrue(exn.outLines().contains("  0  type 0 [i32 f64] -> []"), exn.out());
    }

    @Test void dumpDoesNotValidate() throws IOException {
        var run = CliRun.of("dump", write("invalid"));
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    }

    @Test void dumpOfAMalformedModule() throws IOException {
        var garbage = dir.resolve("garbage.wasm");
        Files.write(garbage, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5});
        var run = CliRun.of("dump", garbage.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertTrue(run.err().startsWith("flint: " + garbage + ": malformed module: "), run.err());
        assertEquals(1, run.err().lines().count());
    }
}

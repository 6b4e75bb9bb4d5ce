package flint.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.harness.Engines;
import flint.harness.shrink.MiscomputingEngine;
import flint.harness.shrink.NoisyModules;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShrinkCommandTest {

    @TempDir Path dir;

    @AfterEach void restoreEngines() {
        ShrinkCommand.engines = Engines::create;
    }

    private Path write(String name, String wat) throws IOException {
        var file = dir.resolve(name);
        Files.writeString(file, wat);
        return file;
    }

    @Test void enginesThatAgreeLeaveNothingToShrink() throws IOException {
        var file = write("agree.wat", "(module (func (export \"f\") (result i32) (i32.add (i32.const 1) (i32.const 2))))");
        var run = CliRun.of("shrink", file.toString(), "--engines", "chicory,microwasm");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("no divergence to preserve"), run.err());
        assertTrue(Files.notExists(dir.resolve("agree.shrunk.wasm")));
    }

    @Test void aDivergenceIsShrunkAndWritten() throws IOException {
        ShrinkCommand.engines = name -> name.equals(MiscomputingEngine.NAME) ? Optional.of(new MiscomputingEngine()) : Engines.create(name);
        var file = write("noisy.wat", NoisyModules.wat(10));
        var run = CliRun.of("shrink", file.toString(), "--engines", "chicory," + MiscomputingEngine.NAME, "--budget", "60s", "--print");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("divergence: export \""), run.out());
        assertTrue(run.out().contains("before: ") && run.out().contains("after:  "), run.out());
        var shrunk = ModuleDecoder.decode(Files.readAllBytes(dir.resolve("noisy.shrunk.wasm")));
        Validator.validate(shrunk);
        assertEquals(1, shrunk.codes().size(), run.out());
        assertTrue(run.out().contains("i32.add"), run.out());
    }

    @Test void badOptionsAreUsageErrors() throws IOException {
        var file = write("m.wat", "(module)");
        assertEquals(ExitCodes.USAGE, CliRun.of("shrink", file.toString(), "--engines", "chicory").exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.of("shrink", file.toString(), "--engines", "chicory,nope").exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.of("shrink", file.toString(), "--engines", "chicory,microwasm", "--budget", "soon").exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.of("shrink", file.toString(), "--engines", "chicory,microwasm", "--max-attempts", "0").exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.of("shrink", file.toString(), "--engines", "chicory,chicory").exitCode());
        assertEquals(ExitCodes.BAD_INPUT, CliRun.of("shrink", dir.resolve("missing.wasm").toString(), "--engines", "chicory,microwasm").exitCode());
    }

    @Test void anInvalidModuleIsBadInput() throws IOException {
        var file = write("invalid.wat", "(module (func (export \"f\") (result i32)))");
        var run = CliRun.of("shrink", file.toString(), "--engines", "chicory,microwasm");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().contains("invalid module"), run.err());
    }

    @Test void theDefaultOutputSitsBesideTheInput() {
        assertEquals(Path.of("a/b.shrunk.wasm"), ShrinkCommand.defaultOutput(Path.of("a/b.wasm")));
        assertEquals(Path.of("c.shrunk.wasm"), ShrinkCommand.defaultOutput(Path.of("c.wat")));
    }

    @Test void theShrunkCallsOfAFindingSitBesideTheShrunkModule() {
        assertEquals(Path.of("dir/shrunk.json"), ShrinkCommand.findingFile(Path.of("dir/shrunk.wasm")));
        assertEquals(Path.of("small.json"), ShrinkCommand.findingFile(Path.of("small")));
    }
}

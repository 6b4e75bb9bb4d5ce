package flint.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

    @Test
    void enginesThatAgreeExitWithZero(@TempDir Path dir) throws Exception {
        var wat = Files.writeString(dir.resolve("m.wat"), """
                (module (func (export "f") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3))))""");
        var run = CliRun.of("replay", wat.toString(), "--calls", "3");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("instantiate: instantiated  [all]"), run.out());
        assertTrue(run.out().contains("agreed: 3 calls"), run.out());
    }

    @Test
    void unknownEnginesAreUsageErrors(@TempDir Path dir) throws Exception {
        var wat = Files.writeString(dir.resolve("m.wat"), "(module)");
        var run = CliRun.of("replay", wat.toString(), "--engines", "chicory,nope");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("unknown engine 'nope'"), run.err());
    }
}

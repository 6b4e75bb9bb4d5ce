package flint.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import flint.harness.engine.TestModules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunCommandTest {

    @TempDir Path dir;

    private String values;
    private String traps;

    @BeforeEach void writeModules() throws IOException {
        values = write("values");
        traps = write("traps");
    }

    private String write(String module) throws IOException {
        var file = dir.resolve(module + ".wasm");
        Files.write(file, TestModules.load(module));
        return file.toString();
    }

    private static void assertOneErrorLine(CliRun run, int exitCode, String expectedStart) {
        assertEquals(exitCode, run.exitCode(), run::err);
        assertEquals(1, run.err().lines().count(), () -> "one line, no stack trace: " + run.err());
        assertTrue(run.err().startsWith(expectedStart), run.err());
        assertEquals("", run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "chicory-compiler"})
    void printsResultsOnePerLine(String engine) {
        var run = CliRun.of("run", "--engine", engine, values, "rotate", "-7", "0x10", "-inf", "nan:0x1");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("f64:nan:0x1", "i32:-7", "i64:16", "f32:-inf"), run.outLines());
        assertEquals("", run.err());
    }

    @Test void integersAcceptTheUnsignedRange() {
        assertEquals(List.of("i32:-1"), CliRun.of("run", "--engine", "chicory", values, "id_i32", "4294967295").outLines());
        assertEquals(List.of("i64:-9223372036854775808"), CliRun.of("run", "--engine", "chicory", values, "id_i64", "0x8000_0000_0000_0000").outLines());
    }

    @Test void floatsRoundTripThroughTheSyntax() {
        assertEquals(List.of("f32:-nan:0x200001"), CliRun.of("run", "--engine", "chicory", values, "id_f32", "bits:0xffa00001").outLines());
        assertEquals(List.of("f64:-0.0"), CliRun.of("run", "--engine", "chicory", values, "id_f64", "-0").outLines());
        assertEquals(List.of("f32:12.0"), CliRun.of("run", "--engine", "chicory", values, "id_f32", "0x1.8p3").outLines());
    }

    @Test void referencesAndNoResults() {
        assertEquals(List.of("externref:42"), CliRun.of("run", "--engine", "chicory", values, "id_externref", "42").outLines());
        assertEquals(List.of("funcref:null"), CliRun.of("run", "--engine", "chicory", values, "null_funcref").outLines());
        assertEquals(List.of("funcref:ref.func"), CliRun.of("run", "--engine", "chicory", values, "ref_answer").outLines());
        var run = CliRun.of("run", "--engine", "chicory", values, "nothing");
        assertEquals(0, run.exitCode());
        assertEquals("", run.out());
    }

    @Test void argumentsAfterDoubleDash() {
        assertEquals(List.of("i32:-5"), CliRun.of("run", "--engine", "chicory", values, "id_i32", "--", "-5").outLines());
    }

    @Test void trapPrintsTheSpecMessageAndExitsWithOne() {
        var run = CliRun.of("run", "--engine", "chicory", traps, "div_by_zero", "1", "0");
        assertEquals(ExitCodes.TRAP, run.exitCode());
        assertEquals("trap: integer divide by zero\n", run.err());
        assertEquals("", run.out());
    }

    @Test void verboseTrapAddsTheEnginesWords() {
        var run = CliRun.of("run", "--engine", "chicory", "--verbose", traps, "unreachable");
        assertEquals(ExitCodes.TRAP, run.exitCode());
        assertEquals(List.of("trap: unreachable", "  engine said: Trapped on unreachable instruction"), run.err().lines().toList());
    }

    @Test void theNativeEngineIsTheDefault() throws IOException {
        var file = dir.resolve("boom.wat");
        Files.writeString(file, "(module (func (export \"boom\") unreachable))");
        var run = CliRun.of("run", "--verbose", file.toString(), "boom");
        assertEquals(ExitCodes.TRAP, run.exitCode(), run::err);
        assertEquals(List.of("trap: unreachable", "  engine said: flint: unreachable"), run.err().lines().toList());
    }

    @Test void trapWhileInstantiating() throws IOException {
        var run = CliRun.of("run", write("data_oob"), "anything");
        assertOneErrorLine(run, ExitCodes.TRAP, "trap: out of bounds memory access (while instantiating)");
    }

    @Test void missingFile() {
        assertOneErrorLine(CliRun.of("run", dir.resolve("nope.wasm").toString(), "f"), ExitCodes.BAD_INPUT, "flint: ");
        assertTrue(CliRun.of("run", dir.resolve("nope.wasm").toString(), "f").err().contains("no such file"));
    }

    @Test void directoryInsteadOfFile() {
        var run = CliRun.of("run", dir.toString(), "f");
        assertOneErrorLine(run, ExitCodes.BAD_INPUT, "flint: ");
        assertTrue(run.err().contains("is a directory"), run.err());
    }

    @Test void unreadableFile() throws IOException {
        var file = Path.of(values);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: permissions are not enforced");
        var run = CliRun.of("run", "--engine", "chicory", values, "id_i32", "1");
        assertOneErrorLine(run, ExitCodes.BAD_INPUT, "flint: ");
        assertTrue(run.err().contains("permission denied"), run.err());
    }

    @Test void malformedModule() throws IOException {
        var file = dir.resolve("text.wasm");
        Files.writeString(file, "(module)");
        var run = CliRun.of("run", file.toString(), "f");
        assertOneErrorLine(run, ExitCodes.BAD_INPUT, "flint: " + file + ": malformed module: ");
    }

    @Test void invalidModule() throws IOException {
        var run = CliRun.of("run", write("invalid"), "bad");
        assertOneErrorLine(run, ExitCodes.BAD_INPUT, "flint: ");
        assertTrue(run.err().contains("invalid module: type mismatch"), run.err());
    }

    @Test void moduleWithImportsCannotLink() throws IOException {
        var run = CliRun.of("run", "--engine", "chicory", write("host"), "call_add", "1", "2");
        assertOneErrorLine(run, ExitCodes.BAD_INPUT, "flint: ");
        assertTrue(run.err().contains("cannot link: unknown import"), run.err());
    }

    @Test void unknownExportListsTheFunctions() {
        var run = CliRun.of("run", "--engine", "chicory", values, "nope");
        assertOneErrorLine(run, ExitCodes.USAGE, "flint: no export named 'nope'; functions: id_i32, id_i64");
    }

    @Test void exportThatIsNotAFunction() throws IOException {
        var run = CliRun.of("run", "--engine", "chicory", write("state"), "mem");
        assertOneErrorLine(run, ExitCodes.USAGE, "flint: export 'mem' is a memory, not a function");
    }

    @Test void wrongArgumentCount() {
        var run = CliRun.of("run", "--engine", "chicory", values, "add_i32", "1");
        assertOneErrorLine(run, ExitCodes.USAGE, "flint: add_i32 [i32 i32] -> [i32] takes 2 arguments, got 1");
    }

    @Test void argumentThatDoesNotParse() {
        var run = CliRun.of("run", "--engine", "chicory", values, "add_i32", "1", "1.5");
        assertOneErrorLine(run, ExitCodes.USAGE, "flint: argument 2 (i32): '1.5' is not a valid i32");
    }

    @Test void argumentOutOfRange() {
        var run = CliRun.of("run", "--engine", "chicory", values, "id_i32", "4294967296");
        assertOneErrorLine(run, ExitCodes.USAGE, "flint: argument 1 (i32): '4294967296' is out of range for i32");
    }

    @Test void mistypedOption() {
        var run = CliRun.of("run", "--engine", "chicory", values, "id_i32", "1", "--engin", "x");
        assertOneErrorLine(run, ExitCodes.USAGE, "flint: unknown option '--engin'");
    }

    @Test void unknownEngine() {
        var run = CliRun.of("run", "--engine", "v8", values, "id_i32", "1");
        assertOneErrorLine(run, ExitCodes.USAGE, "flint: unknown engine 'v8'; known engines: chicory, chicory-compiler");
    }

    @Test void missingParametersIsAUsageError() {
        var run = CliRun.of("run", "--engine", "chicory", values);
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("Missing required parameter"), run.err());
    }

    @Test void verboseErrorsCarryTheStackTrace() {
        var run = CliRun.of("run", "--engine", "chicory", values, "nope", "--verbose");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        var missing = CliRun.of("--verbose", "run", dir.resolve("nope.wasm").toString(), "f");
        assertEquals(ExitCodes.BAD_INPUT, missing.exitCode());
        assertTrue(missing.err().contains("NoSuchFileException"), missing.err());
    }

    @Test void helpDocumentsExitCodesAndSyntax() {
        var run = CliRun.of("run", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Exit codes:"), run.out());
        assertTrue(run.out().contains("3   bad input"), run.out());
        assertTrue(run.out().contains("bits:0x"), run.out());
        assertFalse(CliRun.of("--help").out().isEmpty());
    }

    @Test void noSubcommandIsAUsageError() {
        assertEquals(ExitCodes.USAGE, CliRun.of().exitCode());
    }
}

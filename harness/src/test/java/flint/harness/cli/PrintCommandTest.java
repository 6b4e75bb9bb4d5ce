package flint.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.harness.engine.TestModules;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.text.WatParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrintCommandTest {

    @TempDir Path dir;

    private Path write(String module) throws IOException {
        var file = dir.resolve(module + ".wasm");
        Files.write(file, TestModules.load(module));
        return file;
    }

    @Test void printsTextThatParsesBackToTheSameModule() throws IOException {
        var file = write("state");
        var run = CliRun.of("print", file.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals(ModuleDecoder.decode(Files.readAllBytes(file)), WatParser.parse(run.out(), "printed"));
    }

    @Test void printsOneFunction() throws IOException {
        var run = CliRun.of("print", "--function", "0", write("values").toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("(func"), run.out());
    }

    @Test void acceptsTextModulesToo() throws IOException {
        var wat = dir.resolve("m.wat");
        Files.writeString(wat, "(module (func (export \"f\") (result i32) i32.const 7))");
        var run = CliRun.of("print", wat.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("i32.const 7"), run.out());
    }

    @Test void namesTheProblemWithABadFunctionIndexOrText() throws IOException {
        var run = CliRun.of("print", "--function", "99", write("values").toString());
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("no function 99"), run.err());
        var wat = dir.resolve("bad.wat");
        Files.writeString(wat, "(module (func i32.frobnicate))");
        var bad = CliRun.of("print", wat.toString());
        assertEquals(ExitCodes.BAD_INPUT, bad.exitCode());
        assertTrue(bad.err().contains("unknown operator") && bad.err().contains("bad.wat:1:"), bad.err());
    }
}

package flint.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCommandTest {

    @TempDir Path dir;
    private String module;

    @BeforeEach void writeModule() throws IOException {
        var file = dir.resolve("m.wat");
        Files.writeString(file, """
                (module
                  (import "env" "log" (func $log (param i32)))
                  (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
                  (func (export "half") (param v128) (result v128) (local.get 0))
                  (func (export "pick") (param i32) (result i32)
                    (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))))
                """);
        module = file.toString();
    }

    @Test void printsTheMicrowasmOfEveryFunctionAndNamesTheUnsupportedOnes() {
        var run = CliRun.of("compile", module, "--emit", "microwasm");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("""
                function 1 "inc" [i32] -> [i32]
                  pick 0                              ; local 0
                  i32.const 1
                  i32.add
                  br return drop [1]

                function 3 "pick" [i32] -> [i32]
                """), run.out());
        assertTrue(run.out().contains("L0.end:                               ; 2 callers\n"), run.out());
        assertEquals("flint: " + module + ": v128 values are not supported by the native compiler yet "
                + "(SIMD; function 2, parameter 0)\n", run.err());
    }

    @Test void microwasmIsTheDefaultStage() {
        assertEquals(CliRun.of("compile", module, "--function", "inc").out(),
                CliRun.of("compile", module, "--function", "1", "--emit", "microwasm").out());
    }

    @Test void oneFunctionByIndexOrExportName() {
        var run = CliRun.of("compile", module, "--function", "pick");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("function 3 \"pick\" [i32] -> [i32]\n"), run.out());
        assertEquals("", run.err());
        var unsupported = CliRun.of("compile", module, "--function", "2");
        assertEquals(ExitCodes.BAD_INPUT, unsupported.exitCode());
        assertEquals("", unsupported.out());
    }

    @Test void clearErrorsForWhatCannotBeCompiled() {
        var asm = CliRun.of("compile", module, "--emit", "asm");
        assertEquals(ExitCodes.BAD_INPUT, asm.exitCode(), "asm needs the whole module compiled");
        assertTrue(asm.err().contains("v128 values are not supported by the native compiler yet"), asm.err());
        assertEquals(ExitCodes.USAGE, CliRun.of("compile", module, "--emit", "llvm").exitCode());
        var imported = CliRun.of("compile", module, "--function", "0");
        assertEquals(ExitCodes.USAGE, imported.exitCode());
        assertEquals("flint: function 0 is imported (env.log): it has no code to compile\n", imported.err());
        var unknown = CliRun.of("compile", module, "--function", "nope");
        assertEquals("flint: no function exported as 'nope'; exported functions: inc, half, pick\n", unknown.err());
        assertEquals(ExitCodes.USAGE, CliRun.of("compile", module, "--function", "99").exitCode());
    }

    @Test void asmListsEachFunctionsMachineCodeUnderItsMicrowasm() throws IOException {
        var file = dir.resolve("int.wat");
        Files.writeString(file, """
                (module (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))
                """);
        var run = CliRun.of("compile", file.toString(), "--emit", "asm");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        var out = run.out();
        assertTrue(out.startsWith("function 0 \"inc\" [i32] -> [i32]"), out);
        assertTrue(out.contains("; prologue") && out.contains("push rbp"), out);
        assertTrue(out.lines().anyMatch(l -> l.strip().startsWith(";") && l.contains("i32.add")), out);
        assertTrue(out.lines().anyMatch(l -> l.endsWith("ret")), out);
    }

    @Test void invalidModulesAreBadInput() throws IOException {
        var file = dir.resolve("bad.wat");
        Files.writeString(file, "(module (func (result i32) (i64.const 1)))");
        var run = CliRun.of("compile", file.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertTrue(run.err().startsWith("flint: " + file + ": invalid module: type mismatch"), run.err());
    }
}

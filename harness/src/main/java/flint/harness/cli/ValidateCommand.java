package flint.harness.cli;

import flint.wasm.binary.MalformedModuleException;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.binary.UnsupportedFeatureException;
import flint.wasm.validate.InvalidModuleException;
import flint.wasm.validate.Validator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flint validate FILE...}: decodes and validates modules with Flint's own decoder and
 * validator (not an engine's), reporting on every file rather than stopping at the first bad one.
 */
@Command(
        name = "validate",
        description = {
            "Decode and validate modules with Flint's own decoder and validator.",
            "Prints 'FILE: valid' on stdout for each good module and one 'flint: FILE: ...' line on",
            "stderr for each bad one; the messages start with the spec testsuite's wording."},
        mixinStandardHelpOptions = true)
final class ValidateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Modules (.wasm) to check.")
    List<Path> files;

    @Override public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int exit = ExitCodes.OK;
        for (var file : files) {
            String problem = check(file);
            if (problem == null) {
                out.println(file + ": valid");
            } else {
                err.println("flint: " + file + ": " + problem);
                exit = ExitCodes.BAD_INPUT;
            }
        }
        out.flush();
        err.flush();
        return exit;
    }

    /** Why {@code file} is not a valid module, or null if it is. */
    private static String check(Path file) {
        byte[] bytes;
        try {
            bytes = ModuleFiles.read(file);
        } catch (CliError e) {
            // ModuleFiles prefixes the file name, which the caller adds itself
            return e.getMessage().substring(file.toString().length() + 2);
        }
        try {
            Validator.validate(ModuleDecoder.decode(bytes));
            return null;
        } catch (UnsupportedFeatureException e) {
            return "unsupported by Flint: " + e.getMessage();
        } catch (MalformedModuleException e) {
            return "malformed module: " + e.getMessage();
        } catch (InvalidModuleException e) {
            return "invalid module: " + e.getMessage();
        }
    }
}

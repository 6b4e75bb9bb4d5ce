package flint.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flint dump FILE}: the module's sections as Flint's decoder sees them. It decodes without
 * validating, so that modules which fail validation can still be inspected.
 */
@Command(
        name = "dump",
        description = {
            "List a module's sections as Flint's decoder reads them.",
            "Decodes without validating: types, imports, functions, tables, memories, tags, globals,",
            "exports, start, element and data segments, custom sections."},
        mixinStandardHelpOptions = true)
final class DumpCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module (.wasm, or .wat text).")
    Path file;

    @Override public Integer call() {
        byte[] bytes = ModuleFiles.read(file);
        var module = ModuleFiles.decode(file, bytes);
        var out = spec.commandLine().getOut();
        out.println(file + ": " + bytes.length + " bytes");
        ModuleSummary.of(module).forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }
}

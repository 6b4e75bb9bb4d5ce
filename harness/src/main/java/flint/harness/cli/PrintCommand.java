package flint.harness.cli;

import flint.wasm.text.WatPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code flint print FILE}: the module in the text format. */
@Command(
        name = "print",
        description = {
            "Print a module in the WebAssembly text format.",
            "Decodes without validating, so invalid modules can be read too; the output parses back",
            "to the same module."},
        mixinStandardHelpOptions = true)
final class PrintCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module (.wasm, or .wat text to normalize).")
    Path file;

    @Option(names = "--function", paramLabel = "INDEX",
            description = "Print only this function (index in the function index space, imports first).")
    Integer function;

    @Override public Integer call() {
        var module = ModuleFiles.decode(file, ModuleFiles.read(file));
        var out = spec.commandLine().getOut();
        if (function == null) {
            out.print(WatPrinter.print(module));
        } else {
            int count = module.importedFunctionCount() + module.functions().size();
            if (function < 0 || function >= count) {
                throw CliError.usage("no function " + function + " (the module has " + count + ")");
            }
            out.print(WatPrinter.printFunction(module, function));
        }
        out.flush();
        return ExitCodes.OK;
    }
}

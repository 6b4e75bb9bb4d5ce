package flint.harness.cli;

import flint.compiler.CompiledModule;
import flint.compiler.Disassembly;
import flint.compiler.NativeCompiler;
import flint.compiler.microwasm.MicrowasmChecker;
import flint.compiler.microwasm.MicrowasmModule;
import flint.compiler.microwasm.MicrowasmPrinter;
import flint.wasm.binary.MalformedModuleException;
import flint.wasm.model.ExternKind;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.InvalidModuleException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flint compile FILE [--function N|NAME] [--emit microwasm|asm]}: what the native compiler
 * makes of a module's functions, as Microwasm or as x86-64 disassembly annotated with the Microwasm
 * operator each piece of code compiles.
 */
@Command(
        name = "compile",
        description = {
            "Compile a module's functions with Flint's native compiler and print a stage of the result.",
            "--emit microwasm prints the Microwasm of each function (one operator per line, labels at",
            "column 0). A function the compiler does not support yet gets one 'flint: FILE: ...' line",
            "on stderr naming the function and the instruction; the others are still printed.",
            "--emit asm prints each function's x86-64 code (disassembled by objdump), headed by the",
            "Microwasm operators it implements; the whole module must be supported."},
        mixinStandardHelpOptions = true)
final class CompileCommand implements Callable<Integer> {

    /** The stages --emit can print. */
    static final List<String> STAGES = List.of("microwasm", "asm");

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module (.wasm, or .wat text).")
    Path file;

    @Option(names = "--function", paramLabel = "N|NAME",
            description = "Only this function: its index (imports first) or its export name.")
    String function;

    @Option(names = "--emit", paramLabel = "STAGE", defaultValue = "microwasm",
            description = "What to print: microwasm (default) or asm.")
    String emit;

    @Override public Integer call() {
        checkStage();
        var module = ModuleFiles.decode(file, ModuleFiles.read(file));
        var converted = convert(module);
        var selected = select(module);
        if (emit.equals("asm")) return printAsm(module, selected);
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int exit = ExitCodes.OK;
        boolean first = true;
        for (int index : selected) {
            switch (converted.function(index)) {
                case MicrowasmModule.Converted(var f) -> {
                    check(f);
                    if (!first) out.println();
                    out.print(MicrowasmPrinter.print(f, exportName(module, index)));
                    first = false;
                }
                case MicrowasmModule.Rejected(var i, var reason) -> {
                    err.println("flint: " + file + ": " + reason.getMessage());
                    exit = ExitCodes.BAD_INPUT;
                }
            }
        }
        out.flush();
        err.flush();
        return exit;
    }

    private int printAsm(WasmModule module, List<Integer> selected) {
        CompiledModule compiled = NativeCompiler.compile(module);
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int exit = ExitCodes.OK;
        boolean first = true;
        for (int index : selected) {
            var unsupported = compiled.unsupported().get(index);
            if (unsupported != null) { // its code is a stub that traps: say why instead of listing it
                err.println("flint: " + file + ": " + unsupported.getMessage());
                exit = ExitCodes.BAD_INPUT;
                continue;
            }
            if (!first) out.println();
            try {
                out.print(Disassembly.asm(compiled, index));
            } catch (IllegalStateException e) { // objdump missing or failing: its message says what to install
                throw CliError.badInput("cannot disassemble: " + e.getMessage(), e);
            }
            first = false;
        }
        out.flush();
        err.flush();
        return exit;
    }

    private void checkStage() {
        if (!STAGES.contains(emit)) {
            throw CliError.usage("unknown --emit stage '" + emit + "'; available: " + String.join(", ", STAGES));
        }
    }

    private MicrowasmModule convert(WasmModule module) {
        try {
            return MicrowasmModule.convert(module);
        } catch (InvalidModuleException e) {
            throw CliError.badInput(file + ": invalid module: " + e.getMessage(), e);
        } catch (MalformedModuleException e) {
            throw CliError.badInput(file + ": malformed module: " + e.getMessage(), e);
        }
    }

    /** The defined functions to print: all, or the one --function names. */
    private List<Integer> select(WasmModule module) {
        int imported = module.importedFunctionCount();
        int count = imported + module.functions().size();
        if (function == null) {
            var all = new ArrayList<Integer>();
            for (int i = imported; i < count; i++) all.add(i);
            return all;
        }
        int index = resolve(module, count);
        if (index < imported) {
            var imp = module.imports().stream().filter(i -> i.desc() instanceof ImportDesc.Func).toList().get(index);
            throw CliError.usage("function " + index + " is imported (" + imp.module() + "." + imp.name()
                    + "): it has no code to compile");
        }
        return List.of(index);
    }

    private int resolve(WasmModule module, int count) {
        if (function.chars().allMatch(Character::isDigit) && !function.isEmpty()) {
            int index;
            try {
                index = Integer.parseInt(function);
            } catch (NumberFormatException e) {
                index = Integer.MAX_VALUE;
            }
            if (index >= count) throw CliError.usage("no function " + function + " (the module has " + count + ")");
            return index;
        }
        return module.exports().stream()
                .filter(e -> e.kind() == ExternKind.FUNC && e.name().equals(function))
                .map(e -> e.index())
                .findFirst()
                .orElseThrow(() -> CliError.usage("no function exported as '" + function + "'; exported functions: "
                        + exportedFunctions(module)));
    }

    private static String exportedFunctions(WasmModule module) {
        var names = module.exports().stream().filter(e -> e.kind() == ExternKind.FUNC).map(e -> e.name()).toList();
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static String exportName(WasmModule module, int index) {
        return module.exports().stream()
                .filter(e -> e.kind() == ExternKind.FUNC && e.index() == index)
                .map(e -> e.name())
                .findFirst()
                .orElse(null);
    }

    /** The converter's output must keep Microwasm's rules; a violation is a compiler bug, reported as such. */
    private static void check(flint.compiler.microwasm.MicrowasmFunction f) {
        try {
            MicrowasmChecker.check(f);
        } catch (IllegalStateException e) {
            throw new CliError(ExitCodes.INTERNAL, "compiler bug: " + e.getMessage(), e);
        }
    }
}

package flint.harness.cli;

import flint.harness.Engines;
import flint.harness.engine.Engine;
import flint.harness.engine.EngineException;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.ExternType;
import flint.harness.engine.Instance;
import flint.harness.engine.LinkException;
import flint.harness.engine.ModuleException;
import flint.harness.engine.Trap;
import flint.harness.engine.UncaughtWasmException;
import flint.harness.engine.chicory.ChicoryEngine;
import flint.wasm.model.FuncType;
import flint.wasm.value.Value;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code flint run FILE EXPORT [ARGS...]}: instantiates a module and calls one exported function. */
@Command(
        name = "run",
        description = "Instantiate a module (without imports) and call one exported function.",
        footerHeading = "%n",
        footer = ValueSyntax.HELP + "%n%n"
                + "Negative values go as they are (-1, -inf); put -- before ARGS if one looks like an option.%n"
                + "A trap prints 'trap: <message>' on stderr and exits with 1.%n",
        mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module (.wasm, or .wat text).")
    Path file;

    @Parameters(index = "1", paramLabel = "EXPORT", description = "The exported function to call.")
    String export;

    @Parameters(index = "2..*", paramLabel = "ARGS", description = "Its arguments, parsed by parameter type (see below).")
    List<String> args = new ArrayList<>();

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = Engines.DEFAULT,
            description = "The engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = EngineNames.class)
    String engineName;

    @ParentCommand FlintCli flint;

    /** For picocli's help: the engines {@link Engines} knows. */
    static final class EngineNames implements Iterable<String> {
        @Override public java.util.Iterator<String> iterator() {
            return Engines.names().iterator();
        }
    }

    @Override public Integer call() {
        rejectUnknownOptions();
        Engine engine = Engines.create(engineName).orElseThrow(() -> CliError.usage(
                "unknown engine '" + engineName + "'; known engines: " + String.join(", ", Engines.names())));
        byte[] bytes = ModuleFiles.readBinary(file);
        var err = spec.commandLine().getErr();
        Instance instance;
        try {
            instance = instantiate(engine, bytes);
        } catch (Trap trap) {
            return reportTrap(err, trap, " (while instantiating)");
        }
        FuncType type = functionType(instance);
        List<Value> values = parseArguments(type);
        List<Value> results;
        try {
            results = instance.call(export, values);
        } catch (Trap trap) {
            return reportTrap(err, trap, "");
        } catch (UncaughtWasmException e) {
            err.println("uncaught exception: " + e.payload().stream().map(ValueSyntax::format).toList());
            return ExitCodes.TRAP;
        } catch (EngineFailure e) {
            throw engineFailure(engine, e);
        }
        var out = spec.commandLine().getOut();
        results.forEach(r -> out.println(ValueSyntax.format(r)));
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * Unknown dash-words reach us as arguments, because picocli is told to let "-inf" and
     * "-nan:0x1" through; no value starts with "--", so such a word is a mistyped option.
     */
    private void rejectUnknownOptions() {
        for (var arg : args) {
            if (arg.startsWith("--") && !arg.equals("--")) {
                throw CliError.usage("unknown option '" + arg + "' (options go before '--'; see --help)");
            }
        }
    }

    private Instance instantiate(Engine engine, byte[] bytes) {
        try {
            return engine.instantiate(bytes);
        } catch (ModuleException e) {
            String what = e.kind() == ModuleException.Kind.MALFORMED ? "malformed" : "invalid";
            throw CliError.badInput(file + ": " + what + " module: " + e.getMessage(), e);
        } catch (LinkException e) {
            throw CliError.badInput(file + ": cannot link: " + describe(e) + " (run provides no imports)", e);
        } catch (UncaughtWasmException e) {
            throw new CliError(ExitCodes.TRAP, "uncaught exception while instantiating: "
                    + e.payload().stream().map(ValueSyntax::format).toList(), e);
        } catch (EngineFailure e) {
            throw engineFailure(engine, e);
        }
    }

    /** An engine's failure; one that is a missing feature says which engine has it. */
    private static CliError engineFailure(Engine engine, EngineFailure e) {
        boolean unsupported = e.getMessage().contains("not supported") && !engine.name().equals(ChicoryEngine.NAME);
        return new CliError(ExitCodes.INTERNAL, engine.name() + " failed: " + e.getMessage()
                + (unsupported ? Engines.UNSUPPORTED_HINT : ""), e);
    }

    /** The engine's words when they extend the neutral message, else both. */
    private static String describe(EngineException e) {
        return e.detail().startsWith(e.getMessage()) ? e.detail() : e.getMessage() + " (" + e.detail() + ")";
    }

    private FuncType functionType(Instance instance) {
        var desc = instance.export(export).orElseThrow(() -> CliError.usage(
                "no export named '" + export + "'; functions: " + functionNames(instance)));
        if (!(desc.type() instanceof ExternType.Func(FuncType type))) {
            throw CliError.usage("export '" + export + "' is a " + desc.kind().text() + ", not a function");
        }
        return type;
    }

    private static String functionNames(Instance instance) {
        var names = instance.exports().stream()
                .filter(e -> e.type() instanceof ExternType.Func)
                .map(e -> e.name())
                .toList();
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private List<Value> parseArguments(FuncType type) {
        var params = type.params();
        if (args.size() != params.size()) {
            throw CliError.usage(export + " " + type + " takes " + params.size() + " argument"
                    + (params.size() == 1 ? "" : "s") + ", got " + args.size());
        }
        var values = new ArrayList<Value>(params.size());
        for (int i = 0; i < params.size(); i++) {
            try {
                values.add(ValueSyntax.parse(params.get(i), args.get(i)));
            } catch (IllegalArgumentException e) {
                throw CliError.usage("argument " + (i + 1) + " (" + params.get(i).text() + "): " + e.getMessage());
            }
        }
        return values;
    }

    private int reportTrap(PrintWriter err, Trap trap, String when) {
        err.println("trap: " + trap.getMessage() + when);
        if (flint.verbose()) {
            err.println("  engine said: " + trap.detail());
        }
        err.flush();
        return ExitCodes.TRAP;
    }
}

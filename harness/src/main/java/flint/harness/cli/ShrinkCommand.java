package flint.harness.cli;

import flint.harness.Engines;
import flint.harness.engine.Engine;
import flint.harness.shrink.EnginePairPredicate;
import flint.harness.shrink.ShrinkBudget;
import flint.harness.shrink.ShrinkReport;
import flint.harness.shrink.Shrinker;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.text.WatPrinter;
import flint.wasm.validate.InvalidModuleException;
import flint.wasm.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code flint shrink FILE --engines A,B}: minimizes a module on which two engines disagree,
 * keeping the first disagreement (its divergence signature) at every step.
 */
@Command(
        name = "shrink",
        description = "Shrink a module on which two engines disagree, keeping the same divergence.",
        footerHeading = "%n",
        footer = "Both engines run in this JVM. Every exported function is called once, in export order, with zero "
                + "arguments; the first difference (which export, and whether each engine returned or trapped, with the "
                + "trap kind) is the divergence to preserve. Every candidate is validated before it is run. The result "
                + "goes to FILE with its extension replaced by '.shrunk.wasm' unless --out says otherwise. A finding folder "
                + "of flint fuzz is shrunk with its recorded calls (fewer calls, simpler arguments): the result goes to "
                + "DIR/shrunk.wasm, with DIR/shrunk.json, the finding whose calls replay it.%n%n"
                + "Durations: 500ms, 60s, 5m, 1h, or a number of seconds.%n",
        mixinStandardHelpOptions = true)
final class ShrinkCommand implements Callable<Integer> {

    /** How engines are found by name; tests put an engine that miscomputes on purpose here. */
    static Function<String, Optional<Engine>> engines = Engines::create;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|DIR",
            description = "The module (.wasm, or .wat text), or a finding folder of flint fuzz (repro.wasm + finding.json).")
    Path file;

    @Option(names = "--engines", paramLabel = "A,B",
            description = "The two engines to compare, by name: ${COMPLETION-CANDIDATES}.",
            completionCandidates = RunCommand.EngineNames.class)
    String enginePair;

    @Option(names = "--out", paramLabel = "OUT", description = "Where to write the shrunk module (default: beside FILE, named *.shrunk.wasm).")
    Path out;

    @Option(names = "--budget", paramLabel = "DURATION", defaultValue = "60s",
            description = "Stop after this long even short of a fixed point (default: ${DEFAULT-VALUE}).")
    String budget;

    @Option(names = "--max-attempts", paramLabel = "N",
            description = "Stop after this many candidates (default: no limit).")
    Long maxAttempts;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s",
            description = "How long one instantiation or call may run before it is interrupted (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--print", description = "Print the shrunk module in the text format.")
    boolean print;

    @Override public Integer call() {
        if (Files.isDirectory(file) && Files.exists(file.resolve("finding.json"))) return shrinkFinding();
        if (enginePair == null) throw CliError.usage("--engines A,B is required for a module file");
        var engineNames = List.of(enginePair.split(",", -1));
        if (engineNames.size() != 2 || engineNames.get(0).equals(engineNames.get(1))) {
            throw CliError.usage("--engines takes two different engines, e.g. --engines chicory,flint; got " + String.join(",", engineNames));
        }
        var nameA = engineNames.get(0);
        var nameB = engineNames.get(1);
        checkEngine(nameA);
        checkEngine(nameB);
        if (maxAttempts != null && maxAttempts <= 0) throw CliError.usage("--max-attempts must be positive");
        var shrinkBudget = new ShrinkBudget(Durations.parse("--budget", budget), maxAttempts == null ? Long.MAX_VALUE : maxAttempts);
        var callTimeout = Durations.parse("--timeout", timeout);

        byte[] bytes = ModuleFiles.readBinary(file);
        var module = ModuleFiles.decode(file, bytes);
        try {
            Validator.validate(module);
        } catch (InvalidModuleException e) {
            throw CliError.badInput(file + ": invalid module: " + e.getMessage(), e);
        }
        var stdout = spec.commandLine().getOut();
        try (var oracle = new EnginePairPredicate(nameA, () -> engines.apply(nameA).orElseThrow(),
                nameB, () -> engines.apply(nameB).orElseThrow(), callTimeout)) {
            var divergences = oracle.divergences(ModuleEncoder.encode(module));
            if (divergences.isEmpty()) {
                throw CliError.badInput(file + ": " + nameA + " and " + nameB
                        + " agree on every export (or fail): no divergence to preserve", null);
            }
            var target = divergences.getFirst();
            stdout.println("divergence: " + target);
            ShrinkReport report;
            try {
                report = Shrinker.shrink(module, oracle.preserving(target), shrinkBudget);
            } catch (IllegalArgumentException e) {
                // The first run showed the divergence, the shrinker's own check did not: the engines are nondeterministic here.
                throw CliError.badInput(file + ": the divergence does not reproduce (" + e.getMessage() + ")", e);
            }
            finish(report, out != null ? out : defaultOutput(file), stdout);
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    /**
     * A finding folder: the oracle of {@code flint fuzz} replays the recorded calls on the finding's
     * engines and the divergence signature must stay the same; the calls shrink with the module.
     * Writes {@code shrunk.wasm} there and {@code shrunk.json}, the finding with the shrunk calls.
     */
    private int shrinkFinding() {
        if (enginePair != null) throw CliError.usage("a finding folder names its engines: drop --engines");
        var finding = flint.harness.diff.FindingJson.read(file.resolve("finding.json"), flint.harness.diff.Finding.class);
        byte[] bytes = ModuleFiles.read(file.resolve("repro.wasm"));
        var shrinkBudget = new ShrinkBudget(Durations.parse("--budget", budget), maxAttempts == null ? Long.MAX_VALUE : maxAttempts);
        var stdout = spec.commandLine().getOut();
        stdout.println("divergence: " + finding.signature());
        ShrinkReport report;
        var shrinker = flint.harness.diff.FindingShrinker.forFinding(finding);
        try {
            report = shrinker.shrink(bytes, finding, shrinkBudget);
        } catch (IllegalArgumentException e) {
            throw CliError.badInput(file + ": the divergence does not reproduce (" + e.getMessage() + ")", e);
        }
        var destination = out != null ? out : file.resolve("shrunk.wasm");
        finish(report, destination, stdout);
        // the calls that replay the shrunk module go beside it: the recorded ones no longer fit
        var calls = findingFile(destination);
        flint.harness.diff.FindingJson.write(calls, shrinker.shrunkFinding(finding, report));
        stdout.println("calls: " + String.join(", ", report.calls().stream().map(Object::toString).toList()));
        stdout.println("wrote " + calls);
        stdout.flush();
        return ExitCodes.OK;
    }

    /** Writes the shrunk module, says how much smaller it is, and prints it if asked. */
    private void finish(ShrinkReport report, Path destination, java.io.PrintWriter stdout) {
        write(destination, ModuleEncoder.encode(report.module()));
        stdout.println(report.summary());
        stdout.println("wrote " + destination);
        if (print) stdout.print(WatPrinter.print(report.module()));
    }

    private static void checkEngine(String name) {
        if (engines.apply(name).isEmpty()) {
            throw CliError.usage("unknown engine '" + name + "'; known engines: " + String.join(", ", Engines.names()));
        }
    }

    /** Where the finding of a shrunk module goes: beside it, {@code .wasm} replaced by {@code .json}. */
    static Path findingFile(Path module) {
        var name = module.getFileName().toString();
        return module.resolveSibling(name.replaceFirst("\\.wasm$", "") + ".json");
    }

    static Path defaultOutput(Path file) {
        var name = file.getFileName().toString();
        var stem = name.replaceFirst("\\.(wasm|wat)$", "");
        return file.resolveSibling(stem + ".shrunk.wasm");
    }

    private static void write(Path destination, byte[] bytes) {
        try {
            Files.write(destination, bytes);
        } catch (IOException e) {
            throw new CliError(ExitCodes.BAD_INPUT, destination + ": cannot write: " + e.getMessage(), e);
        }
    }

}

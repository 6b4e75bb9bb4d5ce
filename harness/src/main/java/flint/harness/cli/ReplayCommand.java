package flint.harness.cli;

import flint.harness.diff.Call;
import flint.harness.diff.DifferentialOracle;
import flint.harness.diff.Finding;
import flint.harness.diff.FindingJson;
import flint.harness.diff.JsonValue;
import flint.harness.diff.Outcome;
import flint.harness.diff.ReportWriter;
import flint.harness.diff.ThirdOpinions;
import flint.harness.diff.Verdict;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flint replay FILE|DIR}: runs a module, or a finding folder's reproducer with its recorded
 * calls, on every engine through the differential oracle and prints each engine's outcome per step.
 */
@Command(
        name = "replay",
        description = {
            "Run a module (.wasm/.wat) or a finding folder (repro.wasm + finding.json) on several engines",
            "in lockstep and print every engine's outcome of instantiation and of each call. A folder",
            "replays its recorded calls; a file calls every export with arguments drawn from --seed.",
            "On a divergence, third opinions (chicory-compiler, V8 through Node.js) are printed too.",
            "Exit code 0: the engines agree; 1: they diverge."},
        mixinStandardHelpOptions = true)
final class ReplayCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|DIR", description = "A module, or a finding folder.")
    Path input;

    @Option(names = "--engines", split = ",", paramLabel = "E1,E2,...",
            description = "Engines to compare, reference first (default: the finding's, else chicory,flint).")
    List<String> engines;

    @Option(names = "--seed", defaultValue = "0", description = "Argument seed for a module file (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--calls", defaultValue = "4", description = "Calls per export for a module file (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS", description = "Per-step time limit (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--exact-nans", description = "Compare NaN bits exactly (modules whose NaNs are canonicalized).")
    boolean exactNaNs;

    @Option(names = "--no-third-opinions", negatable = true, defaultValue = "true",
            description = "Ask chicory-compiler and V8 on a divergence (default: yes).")
    boolean thirdOpinions;

    @Option(names = "--report", paramLabel = "DIR", description = "Write the divergence's bucket folder (and index.html) under DIR.")
    Path report;

    static final List<String> DEFAULT_ENGINES = List.of("chicory", "flint");

    @Override public Integer call() {
        boolean folder = Files.isDirectory(input);
        var file = folder ? input.resolve("repro.wasm") : input;
        byte[] module = ModuleFiles.readBinary(file);
        Finding finding = folder && Files.isRegularFile(input.resolve("finding.json"))
                ? FindingJson.read(input.resolve("finding.json"), Finding.class) : null;
        var names = engines != null ? engines : finding != null ? finding.engines() : DEFAULT_ENGINES;
        var config = new DifferentialOracle.Config(calls, Duration.ofSeconds(timeoutSeconds), exactNaNs,
                new flint.harness.diff.EdgeBiasedArguments());
        DifferentialOracle oracle;
        try {
            oracle = DifferentialOracle.of(config, names);
        } catch (IllegalArgumentException e) {
            throw CliError.usage(e.getMessage());
        }
        var verdict = finding != null
                ? oracle.replay(module, finding.calls().stream()
                        .map(c -> new Call(c.export(), c.args().stream().map(JsonValue::toValue).toList())).toList())
                : oracle.run(module, seed);
        var out = spec.commandLine().getOut();
        print(out, file, module, verdict);
        if (!verdict.diverged()) {
            out.flush();
            return ExitCodes.OK;
        }
        var divergence = verdict.divergences().getFirst();
        var result = ReportWriter.finding(module, divergence, finding != null ? finding.seed() : seed,
                finding != null ? finding.generator() : Map.of("source", "file " + file));
        if (thirdOpinions) {
            result = result.withThirdOpinions(ThirdOpinions.standard().of(module, result));
            out.println("third opinions:");
            for (var o : result.thirdOpinions()) {
                out.println("  " + o.engine() + ": " + o.outcome() + "  -> sides with " + o.sidesWith());
            }
            out.println("suspect: " + result.suspect());
            flint.harness.diff.KnownReferenceBugs.recognize(module, result).ifPresent(bug ->
                    out.println("has the shape of the documented reference bug '" + bug.id() + "': " + bug.title()
                            + " (reports/known-reference-bugs.md)" + (module.length > 400 ? "; shrink it first for a reliable match" : "")));
        }
        if (report != null) {
            var writer = new ReportWriter(report);
            out.println("report: " + writer.write(module, result));
            writer.writeIndex();
        }
        out.flush();
        return ExitCodes.DIVERGED;
    }

    static void print(PrintWriter out, Path file, byte[] module, Verdict verdict) {
        out.println("module: " + file + " (" + module.length + " bytes); engines: " + String.join(", ", verdict.engines())
                + " (reference: " + verdict.engines().getFirst() + ")");
        for (var step : verdict.steps()) {
            var what = step.call() == null ? "instantiate" : step.call().toString();
            var outcomes = step.outcomes();
            var distinct = outcomes.values().stream().map(Outcome::toString).distinct().count();
            if (distinct == 1) {
                out.println(what + ": " + outcomes.values().iterator().next() + "  [all]");
            } else {
                out.println(what + ":");
                outcomes.forEach((engine, outcome) -> out.println("  " + engine + ": " + outcome));
            }
        }
        for (var i : verdict.inconclusive()) {
            out.println("inconclusive (" + i.reason().name().toLowerCase(java.util.Locale.ROOT) + ") at "
                    + (i.call() == null ? "instantiation" : i.call()) + ": " + i.detail());
        }
        for (var d : verdict.divergences()) {
            out.println("DIVERGED (" + d.kind().tag() + ") at " + (d.call() == null ? "instantiation" : d.call()) + ": " + d.detail());
            out.println("  bucket " + d.bucket() + ", signature " + d.signature());
        }
        if (!verdict.diverged()) {
            out.println("agreed: " + verdict.calls() + " calls" + (verdict.inconclusive().isEmpty() ? "" : ", " + verdict.inconclusive().size() + " inconclusive"));
        }
    }

    /** For tests and the campaign: the outcome lines keyed by engine. */
    static String outcomes(Map<String, Outcome> outcomes) {
        return outcomes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}

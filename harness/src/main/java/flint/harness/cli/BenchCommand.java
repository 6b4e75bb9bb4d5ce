package flint.harness.cli;

import flint.harness.bench.BenchEngine;
import flint.harness.bench.BenchEngines;
import flint.harness.bench.BenchProgram;
import flint.harness.bench.BenchReports;
import flint.harness.bench.BenchResults;
import flint.harness.bench.BenchRunner;
import flint.harness.bench.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flint bench}: runs the benchmark programs on several engines side by side and writes
 * summary.md (ratios against Flint), chart.svg and results.json.
 */
@Command(
        name = "bench",
        description = {
            "Run the benchmark programs (corpus/bench) on several engines, alternating,",
            "and write summary.md (medians, ratios against Flint, targets), chart.svg and",
            "results.json. Each program's `run` is timed after warm-up; compile and",
            "first-run times are measured from the module bytes. The Chicory interpreter",
            "runs only `run_small` (every engine also runs it, so its ratio is like for",
            "like). V8 needs `node` on the PATH; without it, V8 is left out with a note.",
            "A program an engine does not support (Flint before floating point) is",
            "reported as n/a and the run goes on. Engines that disagree on a checksum",
            "make the run fail (exit code 4) after the reports are written."},
        footerHeading = "%n",
        footer = "A run of every engine with the defaults takes several minutes; --programs and --engines narrow it.",
        mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--engines", split = ",", paramLabel = "E[,E...]", hideParamSyntax = true,
            description = "Engines to run (default: all): ${COMPLETION-CANDIDATES}.",
            completionCandidates = EngineNames.class)
    List<String> engines = new ArrayList<>();

    @Option(names = "--programs", split = ",", paramLabel = "P[,P...]", hideParamSyntax = true,
            description = "Programs to run, by file name without .wasm (default: all in --corpus).")
    List<String> programs = new ArrayList<>();

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "3",
            description = "Samples per program and engine (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--slow-repetitions", paramLabel = "N", defaultValue = "1",
            description = "Samples for engines run only on the small workload, the interpreter (default: ${DEFAULT-VALUE}).")
    int slowRepetitions;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
            description = "Untimed calls before the first timed one (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--corpus", paramLabel = "DIR", defaultValue = "corpus/bench",
            description = "Where the .wasm programs are (default: ${DEFAULT-VALUE}).")
    Path corpus;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports/bench",
            description = "Where the reports go (default: ${DEFAULT-VALUE}).")
    Path out;

    static final class EngineNames implements Iterable<String> {
        @Override public java.util.Iterator<String> iterator() {
            return BenchEngines.names().iterator();
        }
    }

    @Override public Integer call() throws IOException {
        if (repetitions < 1 || slowRepetitions < 0 || warmup < 0) {
            throw CliError.usage("--repetitions must be at least 1, --slow-repetitions and --warmup at least 0");
        }
        if (!Files.isDirectory(corpus)) {
            throw CliError.badInput(corpus + ": no such directory (run from the repository root or pass --corpus)", null);
        }
        var selected = BenchProgram.load(corpus, new LinkedHashSet<>(programs));
        var unknown = programs.stream().filter(p -> selected.stream().noneMatch(s -> s.name().equals(p))).toList();
        if (!unknown.isEmpty()) throw CliError.usage("no such program in " + corpus + ": " + String.join(", ", unknown));
        if (selected.isEmpty()) throw CliError.badInput(corpus + ": no .wasm programs", null);

        var err = spec.commandLine().getErr();
        var missing = new ArrayList<String>();
        List<BenchEngine> chosen;
        try {
            chosen = BenchEngines.create(engines, missing);
        } catch (IllegalArgumentException e) {
            throw CliError.usage(e.getMessage());
        }
        missing.forEach(m -> err.println("flint: bench: " + m + " left out: node (Node.js) is not on the PATH"));
        try {
            var settings = new BenchResults.Settings(repetitions, slowRepetitions, warmup);
            var results = new BenchRunner(chosen, selected, settings, err).run();
            var written = BenchReports.write(results, out);
            var stdout = spec.commandLine().getOut();
            stdout.println(Files.readString(written.getFirst()));
            written.forEach(p -> stdout.println("wrote " + p));
            stdout.flush();
            return checkAgreement(results);
        } finally {
            chosen.forEach(BenchEngine::close);
        }
    }

    /** Engines that disagree on a checksum have found a bug: that is a failure of the run. */
    private static int checkAgreement(BenchResults results) {
        var disagreements = new ArrayList<String>();
        for (var p : results.programs()) {
            for (var w : Workload.values()) {
                if (results.checksums(p, w).size() > 1) disagreements.add(p + " (" + w.export() + ")");
            }
        }
        if (!disagreements.isEmpty()) {
            throw new CliError(ExitCodes.INTERNAL, "engines disagree on the checksums of " + String.join(", ", disagreements)
                    + "; see the summary");
        }
        return ExitCodes.OK;
    }
}

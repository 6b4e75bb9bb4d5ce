package flint.harness.cli;

import flint.harness.diff.Campaign;
import flint.harness.diff.CorpusModuleSource;
import flint.harness.diff.GeneratorModuleSource;
import flint.harness.diff.ModuleSource;
import flint.harness.diff.Minimizer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flint fuzz}: a differential campaign with worker JVMs, bucketed findings and resumable state. */
@Command(
        name = "fuzz",
        description = {
            "Run a differential fuzz campaign until --duration ends or Ctrl-C, then report every new bucket.",
            "Modules run in worker JVMs (a crash or hang in native code replaces the worker and keeps the",
            "input as a finding). Findings and state.json are written as they happen; --resume continues.",
            "Each finding is bucketed with V8's side on it; a triage lane shrinks each new bucket (and",
            "samples of it), asks third opinions and files it under a documented reference bug",
            "(reports/known-reference-bugs.md) or leaves it open.",
            "Output under --out: findings/<bucket>/ (repro.wasm, repro.wat, finding.json, README.md,",
            "page.html, samples/), findings/index.html, stats.jsonl, summary.md with SVG plots."},
        mixinStandardHelpOptions = true)
final class FuzzCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--duration", defaultValue = "8h", description = "How long to run: 30s, 10m, 8h, 2d (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--jobs", defaultValue = "1", description = "Worker JVMs in parallel (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--seed", description = "Campaign seed (default: from the clock; printed).")
    Long seed;

    @Option(names = "--features", split = ",", description = "Wasm features for the generator, as flint gen takes them"
            + " (default: Wasm 2.0 without SIMD).")
    List<String> features = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: reports/fuzz/<timestamp>).")
    Path out;

    @Option(names = "--resume", description = "Continue the campaign whose state.json is in --out.")
    boolean resume;

    @Option(names = "--shard", defaultValue = "0/1", paramLabel = "i/N", description = "Run shard i of N (default: ${DEFAULT-VALUE}).")
    String shard;

    @Option(names = "--engines", split = ",", defaultValue = "chicory,flint", description = "Engines, reference first (default: ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "Replay and mutate the modules of DIR instead of generating modules.")
    Path corpus;

    @Option(names = "--calls", defaultValue = "4", description = "Calls per export (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--step-timeout", defaultValue = "10", paramLabel = "SECONDS", description = "Per step (default: ${DEFAULT-VALUE}).")
    int stepTimeout;

    @Option(names = "--module-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "Per module, after which the worker is killed as hung (default: ${DEFAULT-VALUE}).")
    int moduleTimeout;

    @Option(names = "--max-modules", defaultValue = "0", description = "Stop after this many modules (0: no limit).")
    long maxModules;

    @Option(names = "--shrink-budget", defaultValue = "60", paramLabel = "SECONDS",
            description = "Time to shrink each new bucket's reproducer or sample, in a child JVM; 0 keeps modules as found"
                    + " and leaves every bucket open (default: ${DEFAULT-VALUE}).")
    int shrinkBudget;

    @Option(names = "--seeded-bug", paramLabel = "BUG", split = ",",
            description = "Make the native compiler miscompile on purpose, to measure the campaign: ${COMPLETION-CANDIDATES}.",
            completionCandidates = SeededBugs.class)
    List<String> seededBugs = new ArrayList<>();

    static final class SeededBugs implements Iterable<String> {
        @Override public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(flint.compiler.SeededBug.values()).map(flint.compiler.SeededBug::cliName).iterator();
        }
    }

    @Option(names = "--no-third-opinions", negatable = true, defaultValue = "true", description = "Ask V8 about each finding (its side is part of the bucket) and chicory-compiler and V8 about each bucket (default: yes).")
    boolean thirdOpinions;

    @Override public Integer call() throws Exception {
        int[] shardParts = parseShard(shard);
        if (jobs < 1) throw CliError.usage("--jobs must be at least 1");
        long campaignSeed = seed != null ? seed : System.currentTimeMillis();
        var dir = out != null ? out : Path.of("reports", "fuzz", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        ModuleSource source;
        try {
            source = corpus != null ? new CorpusModuleSource(corpus) : new GeneratorModuleSource(String.join(",", features));
        } catch (IllegalArgumentException e) {
            throw CliError.usage(e.getMessage());
        } catch (RuntimeException e) {
            throw CliError.badInput(e.getMessage(), e);
        }
        for (var engine : engines) {
            if (flint.harness.Engines.create(engine).isEmpty()) throw CliError.usage("unknown engine '" + engine + "'");
        }
        var jvmOptions = new ArrayList<>(List.of("-Xmx1g"));
        if (!seededBugs.isEmpty()) {
            try {
                flint.compiler.SeededBug.parse(String.join(",", seededBugs));
            } catch (IllegalArgumentException e) {
                throw CliError.usage("unknown --seeded-bug in " + seededBugs + "; known: " + String.join(", ", new SeededBugs()));
            }
            jvmOptions.add("-D" + flint.compiler.SeededBug.PROPERTY + "=" + String.join(",", seededBugs));
        }
        var config = new Campaign.Config(Durations.parse("--duration", duration), jobs, campaignSeed, features, dir, resume, shardParts[0], shardParts[1],
                engines, calls, Duration.ofSeconds(stepTimeout), Duration.ofSeconds(moduleTimeout), maxModules, thirdOpinions,
                List.copyOf(jvmOptions));
        var err = System.err;
        err.println("flint fuzz: seed " + campaignSeed + ", shard " + shard + ", " + jobs + " job(s), output " + dir);
        var minimizer = shrinkBudget > 0 ? Minimizer.inChildJvm(Duration.ofSeconds(shrinkBudget), List.copyOf(jvmOptions))
                : Minimizer.IDENTITY;
        var campaign = new Campaign(config, source, minimizer, err);
        var main = Thread.currentThread();
        var hook = Thread.ofPlatform().unstarted(() -> {
            campaign.stop();
            try {
                main.join(); // let the campaign write its reports before the JVM exits
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        var state = campaign.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and waits for us
        }
        var outWriter = spec.commandLine().getOut();
        outWriter.println("modules " + state.modules() + ", calls " + state.calls() + ", findings " + state.findings()
                + ", buckets " + state.buckets().size() + " (" + campaign.newBuckets().size() + " new, " + campaign.openBuckets().size()
                + " open), inconclusive " + state.inconclusive());
        outWriter.println("summary: " + dir.resolve("summary.md"));
        outWriter.flush();
        return ExitCodes.OK;
    }

    static int[] parseShard(String text) {
        var parts = text.split("/");
        try {
            int i = Integer.parseInt(parts[0]), n = Integer.parseInt(parts[1]);
            if (parts.length != 2 || n < 1 || i < 0 || i >= n) throw new NumberFormatException();
            return new int[] {i, n};
        } catch (RuntimeException e) {
            throw CliError.usage("--shard wants i/N with 0 <= i < N, not '" + text + "'");
        }
    }

}

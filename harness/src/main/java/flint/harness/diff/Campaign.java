package flint.harness.diff;

import flint.wasm.binary.CodeReader;
import flint.wasm.binary.ModuleDecoder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fuzz campaign: {@code jobs} driver threads, each owning a worker JVM, take module indices
 * (this shard's share), make each module from its seed, have the worker run it and record what
 * comes back. Findings and state are written the moment they happen; at the end every new bucket
 * is minimized, given third opinions and reported, and a summary with plots is written.
 */
public final class Campaign {

    public record Config(Duration duration, int jobs, long seed, List<String> features, Path out, boolean resume,
                         int shardIndex, int shardCount, List<String> engines, int callsPerExport, Duration stepTimeout,
                         Duration moduleTimeout, long maxModules, boolean thirdOpinions, List<String> workerJvmOptions) {}

    private final Config config;
    private final ModuleSource source;
    private final Minimizer minimizer;
    private final PrintStream status;
    private final ReportWriter reports;
    private final ThirdOpinions opinions = ThirdOpinions.standard();
    private final BucketTriage triage;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong nextIndex = new AtomicLong();
    /** Why steps were inconclusive in this run (not kept across --resume), for the summary. */
    private final java.util.concurrent.ConcurrentSkipListMap<String, Long> inconclusiveReasons =
            new java.util.concurrent.ConcurrentSkipListMap<>();
    private final AtomicLong modules = new AtomicLong(), calls = new AtomicLong(), findings = new AtomicLong(), inconclusive = new AtomicLong();
    private final Set<String> buckets = ConcurrentHashMap.newKeySet();
    /** Findings per bucket, to keep samples at the 2nd, 8th and 32nd hit. */
    private final Map<String, AtomicLong> hits = new ConcurrentHashMap<>();
    private final Set<String> newBuckets = ConcurrentHashMap.newKeySet();
    /** The buckets this run triages: its new ones, and on --resume those the last run left open. */
    private final Set<String> triaging = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> opcodes = new ConcurrentHashMap<>();
    private long previousMillis;
    /** Modules run before this run (--resume), so that exec/s counts this run's only. */
    private long modulesAtStart;
    private long startNanos;

    public Campaign(Config config, ModuleSource source, Minimizer minimizer, PrintStream status) {
        this.config = config;
        this.source = source;
        this.minimizer = minimizer;
        this.status = status;
        this.reports = new ReportWriter(config.out().resolve("findings"));
        this.triage = new BucketTriage(reports, minimizer, opinions, config.thirdOpinions(), status);
    }

    /** Asks the campaign to finish (Ctrl-C): running modules complete, then the end work runs. */
    public void stop() {
        stop.set(true);
    }

    public CampaignState run() throws InterruptedException {
        try {
            Files.createDirectories(config.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        restore();
        nextIndex.compareAndSet(0, config.shardIndex());
        startNanos = System.nanoTime();
        modulesAtStart = modules.get();
        if (config.resume()) reopenOpenBuckets();
        triage.start();
        var drivers = new ArrayList<Thread>();
        for (int j = 0; j < config.jobs(); j++) drivers.add(Thread.ofPlatform().name("fuzz-driver-" + j).start(this::drive));
        long lastStats = 0;
        while (drivers.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(200);
            if (elapsedMillis() >= config.duration().toMillis()) stop.set(true);
            statusLine(false);
            if (elapsedMillis() - lastStats >= 5000) {
                lastStats = elapsedMillis();
                writeStats();
            }
        }
        for (var d : drivers) d.join();
        writeStats();
        statusLine(true);
        if (TERMINAL) status.println();
        finish();
        return state();
    }

    /** One driver: a worker JVM and the loop of modules it runs; a dead or hung worker is replaced. */
    private void drive() {
        WorkerProcess worker = null;
        try {
            while (!stop.get() && (config.maxModules() <= 0 || modules.get() < config.maxModules())) {
                long index = nextIndex.getAndAdd(config.shardCount());
                if (config.maxModules() > 0 && index / config.shardCount() >= config.maxModules()) break;
                long seed = DifferentialOracle.mix(config.seed(), "module", (int) index) ^ index;
                var module = source.module(seed);
                countOpcodes(module.bytes());
                if (worker == null || !worker.alive()) worker = WorkerProcess.start(config.workerJvmOptions());
                var generator = new LinkedHashMap<>(module.config());
                generator.put("description", module.description());
                generator.put("features", String.join(",", config.features()));
                var request = new WorkerProtocol.Request(index, seed, Base64.getEncoder().encodeToString(module.bytes()), generator,
                        config.engines(), config.callsPerExport(), config.stepTimeout().toMillis(), false);
                switch (worker.send(request, config.moduleTimeout())) {
                    case WorkerProcess.Reply.Answer(var response) -> {
                        calls.addAndGet(response.calls());
                        response.inconclusive().forEach((reason, n) -> {
                            inconclusive.addAndGet(n);
                            inconclusiveReasons.merge(reason, (long) n, Long::sum);
                        });
                        if (response.finding() != null) found(module.bytes(), response.finding());
                        if (response.restart()) { worker.close(); worker = null; }
                    }
                    case WorkerProcess.Reply.Died(var exit, var tail) when stop.get() -> {
                        // Ctrl-C reaches the workers too (same process group): not a crash of the module
                        worker.close();
                        worker = null;
                        continue;
                    }
                    case WorkerProcess.Reply.Died(var exit, var tail) -> {
                        found(module.bytes(), workerFinding("native-crash", "the worker JVM died (exit code " + exit + ")", tail, seed, generator));
                        worker.close();
                        worker = null;
                    }
                    case WorkerProcess.Reply.TimedOut t -> {
                        found(module.bytes(), workerFinding("hang", "the worker did not answer within "
                                + config.moduleTimeout().toSeconds() + " s", "", seed, generator));
                        worker.close();
                        worker = null;
                    }
                }
                modules.incrementAndGet();
            }
        } catch (IOException e) {
            status.println("\nflint fuzz: cannot start a worker: " + e.getMessage());
            stop.set(true);
        } finally {
            if (worker != null) worker.close();
        }
    }

    /** A finding for a worker that crashed or hung: the whole module is the input, no step is known. */
    private Finding workerFinding(String kind, String what, String tail, long seed, Map<String, String> generator) {
        var signature = kind + "|worker|" + String.join(",", config.engines());
        return new Finding(Finding.FORMAT, Buckets.bucket(kind, signature), signature, kind,
                "A worker running " + String.join(" and ", config.engines()) + " " + (kind.equals("hang") ? "hung" : "crashed") + ".",
                what + (tail.isBlank() ? "" : "\n" + tail), seed, generator, config.engines(), List.of(), 0,
                Map.of("worker", what), List.of(), java.time.Instant.now().toString(), Map.of(), null);
    }

    /**
     * Files a finding in its bucket ({@link Buckets#forCampaign}: V8 is asked first, in this driver
     * thread, since its side is part of the key) and writes it at once, so nothing is lost if the
     * campaign is killed; a known bucket only counts.
     */
    private void found(byte[] module, Finding finding) {
        boolean ask = config.thirdOpinions() && finding.engines().size() >= 2 && !finding.outcomes().containsKey("worker");
        var side = ask ? opinions.v8Side(module, finding) : "not asked";
        finding = finding.filed(Buckets.forCampaign(finding, side), new Finding.Triage(side, null, List.of(), false));
        findings.incrementAndGet();
        appendLine(config.out().resolve("findings.jsonl"), Map.of("bucket", finding.bucket(), "seed", finding.seed(), "at", elapsedMillis()));
        long hit = hits.computeIfAbsent(finding.bucket(), b -> new AtomicLong()).incrementAndGet();
        if (buckets.add(finding.bucket())) {
            newBuckets.add(finding.bucket());
            triaging.add(finding.bucket());
            Path dir;
            synchronized (reports) {
                dir = reports.write(module, finding);
            }
            triage.newBucket(dir, finding);
        } else if (SAMPLE_HITS.contains(hit) && triaging.contains(finding.bucket())) {
            Path sample;
            synchronized (reports) {
                sample = reports.writeSample(module, finding, hit);
            }
            triage.newSample(sample.getParent().getParent(), sample);
        }
        saveState();
    }

    /**
     * On --resume, the buckets the last run left open are triaged again, with this run's recognisers
     * and third opinions (a bucket not reached before the end, a bug documented since).
     */
    private void reopenOpenBuckets() {
        for (var dir : reports.buckets()) {
            try {
                var finding = FindingJson.read(dir.resolve("finding.json"), Finding.class);
                if (!finding.open() || finding.outcomes().containsKey("worker")) continue;
                // V8's side as this run's rules see it (the bucket keeps its name): the triage
                // checks that minimizing keeps it
                if (config.thirdOpinions() && finding.triage() != null) {
                    var side = opinions.v8Side(java.nio.file.Files.readAllBytes(dir.resolve("repro.wasm")), finding);
                    finding = finding.filed(finding.bucket(), new Finding.Triage(side, finding.triage().knownBug(),
                            finding.triage().samples(), finding.triage().triaged()));
                    synchronized (reports) {
                        FindingJson.write(dir.resolve("finding.json"), finding);
                    }
                }
                triaging.add(finding.bucket());
                triage.newBucket(dir, finding);
            } catch (IOException | RuntimeException e) {
                status.println("flint fuzz: cannot read " + dir.resolve("finding.json") + ": " + e.getMessage());
            }
        }
    }

    /**
     * Samples are kept at the 2nd, 8th and 32nd finding of a bucket: spread over the campaign, so
     * that a rarer cause sharing a bucket key with a frequent one has a chance to show.
     */
    private static final Set<Long> SAMPLE_HITS = Set.of(2L, 8L, 32L);

    /**
     * The end: the triage lane finishes what is left (a tenth of the duration, at least a minute,
     * for the whole of it); then index, summary, plots.
     */
    private void finish() throws InterruptedException {
        triage.finish(Duration.ofNanos(Math.max(Duration.ofMinutes(1).toNanos(), config.duration().toNanos() / 10)));
        reports.writeIndex();
        saveState();
        writeSummary();
    }

    /** A bucket's line in the summary: its triage status and how often it was hit. */
    private String summaryLine(String bucket) {
        var link = "[" + bucket + "](findings/" + bucket + "/README.md)" + (newBuckets.contains(bucket) ? " (new)" : "");
        var count = (hits.containsKey(bucket) ? hits.get(bucket).get() : 0) + " finding(s)";
        try {
            var finding = FindingJson.read(reports.root().resolve(bucket).resolve("finding.json"), Finding.class);
            return "- " + link + ", " + count + ": " + finding.status();
        } catch (RuntimeException e) {
            return "- " + link + ", " + count;
        }
    }

    /** Findings per bucket as findings.jsonl has them, to restore the counts on --resume. */
    private Map<String, Long> hitsPerBucket() {
        var hits = new java.util.TreeMap<String, Long>();
        var file = config.out().resolve("findings.jsonl");
        if (!Files.exists(file)) return hits;
        try {
            for (var line : Files.readAllLines(file)) {
                if (!line.isBlank()) hits.merge(FindingJson.LINES.readTree(line).path("bucket").asText(), 1L, Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    private void countOpcodes(byte[] module) {
        try {
            var decoded = ModuleDecoder.decode(module);
            for (var body : decoded.codes()) {
                var reader = new CodeReader(body);
                while (reader.hasNext()) opcodes.merge(reader.skip().mnemonic(), 1L, Long::sum);
            }
        } catch (RuntimeException e) {
            // an undecodable module has no opcodes to count; the oracle will say what is wrong
        }
    }

    private long elapsedMillis() {
        return previousMillis + (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** On a terminal the status line rewrites itself; in a log (CI, nohup) one line every 30 s. */
    private static final boolean TERMINAL = System.console() != null;
    private long lastLoggedStatus;

    private void statusLine(boolean last) {
        double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
        long e = elapsedMillis() / 1000;
        if (!TERMINAL && !last) {
            if (e - lastLoggedStatus < 30) return;
            lastLoggedStatus = e;
        }
        status.printf((TERMINAL ? "\r" : "") + "[%02d:%02d:%02d] %.1f exec/s  modules %d  calls %d  findings %d  buckets %d  inconclusive %d   "
                        + (TERMINAL ? "" : "%n"),
                e / 3600, e / 60 % 60, e % 60, (modules.get() - modulesAtStart) / seconds, modules.get(), calls.get(), findings.get(),
                buckets.size(), inconclusive.get());
        status.flush();
    }

    private void writeStats() {
        var line = new LinkedHashMap<String, Object>();
        line.put("elapsedMillis", elapsedMillis());
        line.put("modules", modules.get());
        line.put("calls", calls.get());
        line.put("findings", findings.get());
        line.put("buckets", buckets.size());
        line.put("inconclusive", inconclusive.get());
        line.put("opcodesSeen", opcodes.size());
        appendLine(config.out().resolve("stats.jsonl"), line);
        saveState();
    }

    private synchronized void appendLine(Path file, Object value) {
        try {
            Files.writeString(file, FindingJson.LINES.writeValueAsString(value) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CampaignState state() {
        return new CampaignState(config.seed(), config.shardIndex(), config.shardCount(), nextIndex.get(), modules.get(), calls.get(),
                findings.get(), inconclusive.get(), elapsedMillis(), buckets.stream().sorted().toList(), new java.util.TreeMap<>(opcodes));
    }

    private synchronized void saveState() {
        FindingJson.write(config.out().resolve("state.json"), state());
    }

    private void restore() {
        var file = config.out().resolve("state.json");
        if (!config.resume() || !Files.isRegularFile(file)) return;
        var state = FindingJson.read(file, CampaignState.class);
        if (state.seed() != config.seed() || state.shardIndex() != config.shardIndex() || state.shardCount() != config.shardCount()) {
            throw new IllegalArgumentException("--resume: " + file + " is of seed " + state.seed() + " shard " + state.shardIndex()
                    + "/" + state.shardCount() + ", not of this campaign");
        }
        nextIndex.set(state.nextIndex());
        modules.set(state.modules());
        calls.set(state.calls());
        findings.set(state.findings());
        inconclusive.set(state.inconclusive());
        previousMillis = state.elapsedMillis();
        buckets.addAll(state.buckets());
        hitsPerBucket().forEach((bucket, n) -> hits.put(bucket, new AtomicLong(n)));
        opcodes.putAll(state.opcodes());
    }

    private void writeSummary() {
        var xs = new ArrayList<Double>();
        var execs = new ArrayList<Double>();
        var bucketCounts = new ArrayList<Double>();
        try {
            var stats = config.out().resolve("stats.jsonl");
            if (Files.exists(stats)) {
                for (var line : Files.readAllLines(stats)) {
                    var node = FindingJson.LINES.readTree(line);
                    xs.add(node.get("elapsedMillis").asDouble() / 1000);
                    execs.add(node.get("modules").asDouble());
                    bucketCounts.add(node.get("buckets").asDouble());
                }
            }
            AtomicFiles.writeString(config.out().resolve("executions.svg"), Plots.line("modules executed", "s", xs, execs));
            AtomicFiles.writeString(config.out().resolve("buckets.svg"), Plots.line("buckets found", "s", xs, bucketCounts));
            AtomicFiles.writeString(config.out().resolve("opcodes.svg"), Plots.bars("opcode coverage (top 60)", opcodes, 60));
            var s = state();
            var md = new StringBuilder("# Fuzz campaign\n\n");
            md.append("| | |\n|---|---|\n");
            md.append("| seed | ").append(s.seed()).append(" |\n| shard | ").append(s.shardIndex()).append("/").append(s.shardCount()).append(" |\n");
            md.append("| engines | ").append(String.join(", ", config.engines())).append(" |\n");
            md.append("| elapsed | ").append(s.elapsedMillis() / 1000).append(" s |\n| modules | ").append(s.modules()).append(" |\n");
            md.append("| calls | ").append(s.calls()).append(" |\n| findings | ").append(s.findings()).append(" |\n");
            md.append("| buckets | ").append(s.buckets().size()).append(" |\n| inconclusive | ").append(s.inconclusive()).append(" |\n");
            md.append("| opcodes seen | ").append(s.opcodes().size()).append(" |\n\n");
            if (!inconclusiveReasons.isEmpty()) {
                md.append("Inconclusive steps of this run by reason: ");
                md.append(String.join(", ", inconclusiveReasons.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
                md.append(".\n\n");
            }
            md.append("![executions](executions.svg)\n\n![buckets](buckets.svg)\n\n![opcodes](opcodes.svg)\n\n");
            md.append("## Buckets\n\n");
            if (s.buckets().isEmpty()) md.append("None.\n");
            var lines = s.buckets().stream().map(this::summaryLine).toList();
            int open = openBuckets().size();
            if (!s.buckets().isEmpty()) {
                md.append("Open buckets: ").append(open).append(" of ").append(s.buckets().size())
                        .append(". The others are reference bugs documented in `reports/known-reference-bugs.md`.\n\n");
            }
            lines.forEach(l -> md.append(l).append("\n"));
            md.append("\nBrowse `findings/index.html` for the pages that replay each bucket in the browser.\n");
            AtomicFiles.writeString(config.out().resolve("summary.md"), md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The buckets not shown to be documented reference bugs (all of them before the end work). */
    public List<String> openBuckets() {
        return reports.buckets().stream().filter(dir -> {
            try {
                return FindingJson.read(dir.resolve("finding.json"), Finding.class).open();
            } catch (RuntimeException e) {
                return true;
            }
        }).map(dir -> dir.getFileName().toString()).toList();
    }

    /** The buckets this campaign found that were not known when it started. */
    public Set<String> newBuckets() {
        return new LinkedHashSet<>(newBuckets);
    }
}

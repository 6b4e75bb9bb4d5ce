package flint.harness.diff;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A campaign's triage lane: one background thread that takes each new bucket while the campaign
 * runs, minimizes its reproducer in a child JVM, asks the third opinions, matches it against the
 * documented reference bugs and rewrites its report; then the samples of every bucket so filed,
 * since a bucket is known only if each of its samples is a documented bug too. Buckets V8 blames
 * on the engine under test go first. What is left when the campaign ends is done in
 * {@link #finish}, within the campaign's end budget.
 */
final class BucketTriage {

    /** Per bucket: not triaged yet, filed under a documented bug, or open. */
    private enum State { PENDING, KNOWN, OPEN }

    private record Job(int priority, long order, Path bucket, Path sample) implements Comparable<Job> {
        @Override public int compareTo(Job o) {
            return priority != o.priority ? Integer.compare(priority, o.priority) : Long.compare(order, o.order);
        }
    }

    private static final Duration MIN_SHARE = Duration.ofSeconds(5);

    private final ReportWriter reports;
    private final Minimizer minimizer;
    private final ThirdOpinions opinions;
    private final boolean askOpinions;
    private final PrintStream status;
    private final PriorityBlockingQueue<Job> queue = new PriorityBlockingQueue<>();
    private final Map<String, State> states = new ConcurrentHashMap<>();
    /** Samples of buckets whose reproducer is not triaged yet: queued once it is known. */
    private final Map<String, List<Path>> heldSamples = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();
    private volatile boolean stopping;
    private Thread lane;

    BucketTriage(ReportWriter reports, Minimizer minimizer, ThirdOpinions opinions, boolean askOpinions, PrintStream status) {
        this.reports = reports;
        this.minimizer = minimizer;
        this.opinions = opinions;
        this.askOpinions = askOpinions;
        this.status = status;
    }

    /** Starts the background lane (not for campaigns without minimizing: then all is done at the end). */
    void start() {
        if (!minimizer.budget().isPositive()) return;
        lane = Thread.ofPlatform().name("fuzz-triage").daemon().start(() -> {
            try {
                while (!stopping) {
                    var job = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (job != null) run(job, minimizer.budget());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** A new bucket's folder, as written by the campaign. */
    void newBucket(Path bucketDir, Finding finding) {
        states.put(bucketDir.getFileName().toString(), State.PENDING);
        queue.add(new Job(priority(finding), order.getAndIncrement(), bucketDir, null));
    }

    /** A sample kept in a bucket's folder: triaged if the bucket's reproducer turns out known. */
    void newSample(Path bucketDir, Path sample) {
        var bucket = bucketDir.getFileName().toString();
        synchronized (states) {
            // a sample may come in before its bucket is registered (another driver found both at once)
            switch (states.getOrDefault(bucket, State.PENDING)) {
                case PENDING -> heldSamples.computeIfAbsent(bucket, b -> new ArrayList<>()).add(sample);
                case KNOWN -> queue.add(new Job(3, order.getAndIncrement(), bucketDir, sample));
                case OPEN -> { } // open already: a sample cannot close it
            }
        }
    }

    /**
     * Stops the lane after its current job, then triages what is left within {@code budget}, in
     * equal shares; what it does not reach stays as found (open, `flint shrink DIR` later).
     */
    void finish(Duration budget) throws InterruptedException {
        stopping = true;
        if (lane != null) lane.join();
        long until = System.nanoTime() + budget.toNanos();
        if (!queue.isEmpty()) status.println("flint fuzz: triaging " + queue.size() + " bucket(s) and sample(s) left");
        for (Job job; (job = queue.poll()) != null; ) {
            long left = until - System.nanoTime();
            var share = left <= 0 || !minimizer.budget().isPositive() ? Duration.ZERO
                    : Duration.ofNanos(Math.max(MIN_SHARE.toNanos(), left / (queue.size() + 1)));
            run(job, share.compareTo(minimizer.budget()) < 0 ? share : minimizer.budget());
        }
    }

    private void run(Job job, Duration budget) {
        try {
            if (job.sample() == null) triageBucket(job.bucket(), budget);
            else triageSample(job.bucket(), job.sample(), budget);
        } catch (IOException | RuntimeException e) {
            status.println("flint fuzz: could not triage " + job.bucket().getFileName() + ": " + e.getMessage());
            states.put(job.bucket().getFileName().toString(), State.OPEN);
        }
    }

    private void triageBucket(Path dir, Duration budget) throws IOException {
        var bucket = dir.getFileName().toString();
        Finding finding;
        byte[] module;
        synchronized (reports) {
            finding = FindingJson.read(dir.resolve("finding.json"), Finding.class);
            module = Files.readAllBytes(dir.resolve("repro.wasm"));
        }
        var minimized = minimize(module, finding, budget);
        if (askOpinions && finding.engines().size() >= 2 && !finding.outcomes().containsKey("worker")) {
            minimized = new Minimizer.Minimized(minimized.module(), minimized.finding().withThirdOpinions(
                    opinions.of(minimized.module(), minimized.finding())), minimized.triaged());
        }
        // a documented bug is recognised by the shape of a minimized module only: an unshrunk
        // generated module has nearly every shape
        var known = minimized.triaged()
                ? KnownReferenceBugs.recognize(minimized.module(), minimized.finding()).map(KnownReferenceBugs.Bug::id)
                : Optional.<String>empty();
        var side = finding.triage() == null ? "not asked" : finding.triage().v8Side();
        // samples an earlier run (before --resume) recognised keep their verdict
        var recognised = known.isEmpty() || finding.triage() == null ? List.<String>of() : finding.triage().samples().stream()
                .filter(v -> KnownReferenceBugs.byId(v.substring(v.indexOf(": ") + 2)).isPresent()).toList();
        var filed = minimized.finding().filed(finding.bucket(), new Finding.Triage(side, known.orElse(null), recognised, minimized.triaged()));
        synchronized (reports) {
            if (minimized.module().length < module.length && !Files.exists(dir.resolve("original.wasm"))) {
                // the module as found, with the calls that replay it
                Files.write(dir.resolve("original.wasm"), module);
                FindingJson.write(dir.resolve("original.json"), finding);
            }
            reports.write(minimized.module(), filed);
        }
        synchronized (states) {
            states.put(bucket, known.isPresent() ? State.KNOWN : State.OPEN);
            var held = heldSamples.remove(bucket);
            var samples = new ArrayList<>(ReportWriter.samples(dir));
            if (held != null) held.stream().filter(s -> !samples.contains(s)).forEach(samples::add);
            var done = recognised.stream().map(v -> v.substring(0, v.indexOf(": ")) + ".wasm").toList();
            samples.removeIf(sample -> done.contains(sample.getFileName().toString()));
            if (known.isPresent()) for (var sample : samples) queue.add(new Job(3, order.getAndIncrement(), dir, sample));
        }
    }

    private void triageSample(Path dir, Path sample, Duration budget) throws IOException {
        Finding bucketFinding;
        synchronized (reports) {
            bucketFinding = FindingJson.read(dir.resolve("finding.json"), Finding.class);
        }
        // V8's side as the bucket has it now (a resumed run may have judged it again)
        var finding = FindingJson.read(ReportWriter.sampleFinding(sample), Finding.class)
                .filed(bucketFinding.bucket(), bucketFinding.triage());
        byte[] module = Files.readAllBytes(sample);
        var minimized = minimize(module, finding, budget);
        String verdict;
        if (!minimized.triaged()) {
            verdict = Finding.Triage.NOT_MINIMIZED;
        } else {
            // V8's side on the minimized sample (its finding now records the minimized run's states)
            var side = askOpinions ? opinions.v8Side(minimized.module(), minimized.finding()) : finding.triage().v8Side();
            var judged = minimized.finding().withThirdOpinions(List.of(new Finding.ThirdOpinion("v8-liftoff", "on the minimized sample", side)));
            verdict = KnownReferenceBugs.recognize(minimized.module(), judged).map(KnownReferenceBugs.Bug::id)
                    .orElse(Finding.Triage.UNRECOGNISED);
            Files.write(sample.resolveSibling(sample.getFileName().toString().replace(".wasm", ".min.wasm")), minimized.module());
        }
        synchronized (reports) {
            var current = FindingJson.read(dir.resolve("finding.json"), Finding.class);
            var samples = new ArrayList<>(current.triage().samples());
            samples.add(sample.getFileName().toString().replace(".wasm", "") + ": " + verdict);
            var triage = new Finding.Triage(current.triage().v8Side(), current.triage().knownBug(), samples, current.triage().triaged());
            reports.write(Files.readAllBytes(dir.resolve("repro.wasm")), current.filed(current.bucket(), triage));
        }
        if (verdict.equals(Finding.Triage.UNRECOGNISED) || verdict.equals(Finding.Triage.NOT_MINIMIZED)) {
            states.put(dir.getFileName().toString(), State.OPEN);
        }
    }

    /**
     * The minimized reproducer, unless there was no time, or minimizing slipped to another bug: V8
     * must still take the side it took on the original (the shrinker keeps the signature, which
     * V8's side is not part of).
     */
    private Minimizer.Minimized minimize(byte[] module, Finding finding, Duration budget) {
        if (budget.isZero() || budget.isNegative()) return new Minimizer.Minimized(module, finding, false);
        var minimized = minimizer.minimize(module, finding, budget);
        if (minimized.module() == module || finding.triage() == null || !askOpinions) return minimized;
        var before = finding.triage().v8Side();
        // only a change of the engine V8 blames is a slip to another bug; V8 may decide on the
        // minimized module where it could not on the module as found
        if (!finding.engines().contains(before)) return minimized;
        var after = opinions.v8Side(minimized.module(), minimized.finding());
        if (after.equals(before)) return minimized;
        status.println("flint fuzz: " + finding.bucket() + ": minimizing changed V8's side (" + before + " to " + after
                + "); keeping the module as found");
        return new Minimizer.Minimized(module, finding, false);
    }

    /** V8 blames the engine under test: 0; no side: 1; blames the reference: 2 (samples: 3). */
    private static int priority(Finding finding) {
        if (finding.triage() == null || finding.engines().isEmpty()) return 1;
        var side = finding.triage().v8Side();
        return side.equals(finding.engines().getFirst()) ? 0 : finding.engines().size() > 1 && side.equals(finding.engines().get(1)) ? 2 : 1;
    }
}

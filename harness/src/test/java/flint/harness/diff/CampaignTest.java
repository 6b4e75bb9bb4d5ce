package flint.harness.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import flint.wasm.binary.ModuleEncoder;
import flint.wasm.text.WatParser;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny campaign: worker JVMs run real modules; output files appear; --resume continues. */
class CampaignTest {

    @TempDir Path out;

    private Campaign.Config config(long maxModules, boolean resume) {
        return new Campaign.Config(Duration.ofMinutes(2), 1, 11, List.of(), out, resume, 0, 1, List.of("chicory", "flint"), 2,
                Duration.ofSeconds(3), Duration.ofSeconds(60), maxModules, false, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
    }

    @Test
    void aShortCampaignWritesStateStatsAndSummary() throws Exception {
        var status = new ByteArrayOutputStream();
        var source = new CorpusModuleSource(Path.of("..", "corpus", "samples"));
        var state = new Campaign(config(2, false), source, Minimizer.IDENTITY, new PrintStream(status, true)).run();
        assertEquals(2, state.modules());
        assertTrue(state.calls() > 0, "calls were made");
        for (var name : List.of("state.json", "stats.jsonl", "summary.md", "executions.svg", "buckets.svg", "opcodes.svg", "findings/index.html")) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name);
        }
        assertTrue(status.toString().contains("exec/s"), status.toString());
        assertTrue(Files.readString(out.resolve("opcodes.svg")).contains("<rect"));

        var resumed = new Campaign(config(3, true), source, Minimizer.IDENTITY, new PrintStream(new ByteArrayOutputStream())).run();
        assertEquals(3, resumed.modules());
        assertTrue(resumed.nextIndex() >= 3);
    }

    /**
     * A campaign over the documented reference bugs' reproducers finds them. Without minimizing it
     * leaves every bucket open (not triaged); resumed with a minimizer, it triages the open buckets
     * again (minimize, third opinions, recognise) and files every one under a documented bug.
     */
    @Test
    void documentedReferenceBugsLeaveNoOpenBucket(@TempDir Path corpus) throws Exception {
        assumeTrue(NodeRunner.find().available(), "the triage needs V8 through Node.js");
        try (var files = Files.list(KnownReferenceBugsTest.REPRODUCERS)) {
            for (var wat : files.filter(f -> f.toString().endsWith(".wat")).toList()) {
                var name = wat.getFileName().toString().replace(".wat", ".wasm");
                Files.write(corpus.resolve(name), ModuleEncoder.encode(WatParser.parse(wat)));
            }
        }
        java.util.function.Function<Boolean, Campaign.Config> config = resume -> new Campaign.Config(Duration.ofMinutes(20), 1, 5,
                List.of(), out, resume, 0, 1, List.of("chicory", "flint"), 1, Duration.ofSeconds(3), Duration.ofSeconds(60), 16, true,
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        var untriaged = new Campaign(config.apply(false), new CorpusModuleSource(corpus), Minimizer.IDENTITY,
                new PrintStream(new ByteArrayOutputStream()));
        var state = untriaged.run();
        assertFalse(state.buckets().isEmpty(), "the reproducers diverge");
        assertEquals(state.buckets(), untriaged.openBuckets(), "nothing is known without minimizing");

        var resumed = new Campaign(config.apply(true), new CorpusModuleSource(corpus),
                Minimizer.inChildJvm(Duration.ofSeconds(20), List.of("-Xmx256m")), new PrintStream(new ByteArrayOutputStream()));
        var after = resumed.run();
        assertEquals(state.buckets(), after.buckets());
        assertEquals(List.of(), resumed.openBuckets(), () -> "open buckets; summary:\n" + read(out.resolve("summary.md")));
        assertTrue(read(out.resolve("summary.md")).contains("Open buckets: 0 of " + after.buckets().size()));
    }

    /** A miscompilation never hides among reference bugs: V8 blames it on Flint and it stays open. */
    @Test
    void aSeededMiscompilationIsBlamedOnTheEngineUnderTestAndStaysOpen() throws Exception {
        assumeTrue(NodeRunner.find().available(), "the triage needs V8 through Node.js");
        var config = new Campaign.Config(Duration.ofMinutes(3), 1, 3, List.of(), out, false, 0, 1, List.of("chicory", "flint"), 2,
                Duration.ofSeconds(3), Duration.ofSeconds(60), 0, true,
                List.of("-Xmx512m", "-D" + flint.compiler.SeededBug.PROPERTY + "=bounds-check-off-by-one"));
        var source = new GeneratorModuleSource("");
        var campaign = new Campaign(config, source, Minimizer.IDENTITY, new PrintStream(new ByteArrayOutputStream()));
        var runner = Thread.ofPlatform().start(() -> {
            try {
                campaign.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // stop at the first bucket V8 blames on flint
        while (runner.isAlive() && blamedOnFlint().isEmpty()) Thread.sleep(500);
        campaign.stop();
        runner.join();
        var blamed = blamedOnFlint();
        assertFalse(blamed.isEmpty(), "the seeded bug was found and V8 blamed flint");
        for (var bucket : blamed) assertTrue(campaign.openBuckets().contains(bucket), bucket + " is open");
    }

    private List<String> blamedOnFlint() throws java.io.IOException {
        var findings = out.resolve("findings");
        if (!Files.isDirectory(findings)) return List.of();
        try (var dirs = Files.list(findings)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("finding.json"))).filter(d -> {
                var f = FindingJson.read(d.resolve("finding.json"), Finding.class);
                return f.triage() != null && f.triage().v8Side().equals("chicory");
            }).map(d -> d.getFileName().toString()).toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}

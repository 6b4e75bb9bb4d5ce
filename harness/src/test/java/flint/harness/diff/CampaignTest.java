package flint.harness.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}

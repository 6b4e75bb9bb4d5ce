package flint.harness.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import flint.harness.engine.chicory.ChicoryEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A planted value bug goes through the whole reporting path: folder, third opinions, pages. */
class ReportsTest {

    @TempDir static Path reports;
    static Finding finding;
    static Path bucket;

    @BeforeAll
    static void writeReport() {
        var oracle = new DifferentialOracle(DifferentialOracle.Config.defaults().withCallsPerExport(2), List.of(
                new DifferentialOracle.EngineFactory(ChicoryEngine.NAME, ChicoryEngine::new),
                new DifferentialOracle.EngineFactory("faulty", () -> new FaultyEngine(FaultyEngine.Fault.RESULT, "add"))));
        var verdict = oracle.run(DifferentialOracleTest.MODULE, 5);
        var divergence = verdict.divergences().getFirst();
        finding = ReportWriter.finding(DifferentialOracleTest.MODULE, divergence, 5, Map.of("source", "test"));
        finding = finding.withThirdOpinions(ThirdOpinions.standard().of(DifferentialOracleTest.MODULE, finding));
        var writer = new ReportWriter(reports);
        bucket = writer.write(DifferentialOracleTest.MODULE, finding);
        writer.writeIndex();
    }

    @Test
    void theBucketFolderHoldsEverything() throws Exception {
        for (var name : List.of("repro.wasm", "repro.wat", "finding.json", "README.md", "page.html")) {
            assertTrue(Files.isRegularFile(bucket.resolve(name)), name);
        }
        var readme = Files.readString(bucket.resolve("README.md"));
        assertTrue(readme.contains("Result 0 differs after calling add("), readme);
        assertTrue(readme.contains("## Microwasm of `add`"), readme);
        assertTrue(readme.contains("./flint replay "), readme);
        var back = FindingJson.read(bucket.resolve("finding.json"), Finding.class);
        assertEquals(finding.signature(), back.signature());
        assertEquals(finding.calls(), back.calls());
        assertTrue(Files.readString(reports.resolve("index.html")).contains(finding.bucket() + "/page.html"));
    }

    @Test
    void thirdOpinionsSideWithTheCorrectEngine() {
        var byEngine = finding.thirdOpinions().stream().collect(java.util.stream.Collectors.toMap(
                Finding.ThirdOpinion::engine, Finding.ThirdOpinion::sidesWith));
        assertEquals("chicory", byEngine.get("chicory-compiler"), finding.thirdOpinions().toString());
        if (NodeRunner.find().available()) {
            assertEquals("chicory", byEngine.get("v8-liftoff"), finding.thirdOpinions().toString());
            assertEquals("chicory", byEngine.get("v8-turbofan"), finding.thirdOpinions().toString());
        } else {
            assertEquals("unavailable", byEngine.get("v8-liftoff"));
        }
    }

    /** The page runs the calls in headless Chromium and shows the browser's answer: Chicory's. */
    @Test
    void thePageRunsTheCallInTheBrowser() throws Exception {
        var chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst();
        assumeTrue(chromium.isPresent(), "chromium is not installed (apt-get install chromium)");
        var profile = Files.createTempDirectory("flint-chromium");
        var process = new ProcessBuilder(chromium.get(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom",
                bucket.resolve("page.html").toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        var dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "chromium finished");
        var expected = finding.outcomes().get("chicory").replace("returned [", "returned [");
        var call = finding.calls().getLast();
        assertTrue(dom.contains("data-done=\"true\""), dom);
        // the browser prints type:value with hex-free integers, like the engines' outcome text
        var value = expected.substring(expected.indexOf('[') + 1, expected.indexOf(']'));
        assertTrue(dom.contains("<code id=\"browser\">returned [" + value + "]</code>"), () -> call + "\n" + dom);
    }
}

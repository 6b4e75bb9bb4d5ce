package flint.harness.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import flint.wasm.binary.ModuleEncoder;
import flint.wasm.text.WatParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The documented reference bugs: each reproducer in {@code reports/known-reference-bugs/} still
 * diverges between Chicory and Flint, V8 sides with Flint, and the campaign's recogniser files it
 * under the bug its name says ({@code <bug id>[-variant].wat}). A Chicory release that fixes one
 * of them fails here, which is the cue to update the write-up.
 */
class KnownReferenceBugsTest {

    static final Path REPRODUCERS = Path.of("..", "reports", "known-reference-bugs");

    @TestFactory
    Stream<DynamicTest> everyReproducerIsRecognisedAsItsBug() throws IOException {
        List<Path> files;
        try (var list = Files.list(REPRODUCERS)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".wat")).sorted().toList();
        }
        assertTrue(files.size() >= 5, "the reproducers are missing from " + REPRODUCERS);
        var oracle = DifferentialOracle.of(DifferentialOracle.Config.defaults(), List.of("chicory", "flint"));
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            var expected = expectedBug(file);
            assertTrue(expected.isPresent(), file + " is not named after a bug of KnownReferenceBugs.CHICORY");
            byte[] module = ModuleEncoder.encode(WatParser.parse(Files.readAllBytes(file), file.toString()));
            var verdict = oracle.run(module, 0);
            assertTrue(verdict.diverged(), () -> file + " no longer diverges: has Chicory fixed the bug?");
            var finding = ReportWriter.finding(module, verdict.divergences().getFirst(), 0, Map.of());
            assumeTrue(NodeRunner.find().available(), "V8's opinion needs Node.js");
            finding = finding.withThirdOpinions(ThirdOpinions.standard().of(module, finding));
            assertEquals(Finding.SUSPECT_REFERENCE, finding.suspect(), () -> file + ": " + verdict.divergences());
            assertEquals(expected.get().id(), KnownReferenceBugs.recognize(module, finding).map(KnownReferenceBugs.Bug::id).orElse("none"));
        }));
    }

    /** The bug whose id is the longest prefix of the file's name. */
    private static Optional<KnownReferenceBugs.Bug> expectedBug(Path file) {
        var name = file.getFileName().toString();
        return KnownReferenceBugs.CHICORY.stream().filter(b -> name.startsWith(b.id()))
                .max(Comparator.comparingInt(b -> b.id().length()));
    }

    @Test
    void aFindingTheThirdOpinionsBlameOnTheEngineUnderTestIsNeverFiledAsAReferenceBug() throws IOException {
        byte[] module = ModuleEncoder.encode(WatParser.parse(
                Files.readAllBytes(REPRODUCERS.resolve("block-parameters-loop.wat")), "loop.wat"));
        var blamed = new Finding(Finding.FORMAT, "b", "value|f|chicory=returned,flint=returned", "value", "", "[i32:0] vs [i32:1]", 0,
                Map.of(), List.of("chicory", "flint"), List.of(), 1, Map.of("chicory", "returned [i32:0]", "flint", "returned [i32:1]"),
                List.of(new Finding.ThirdOpinion("v8-liftoff", "returned [i32:0]", "chicory"),
                        new Finding.ThirdOpinion("v8-turbofan", "returned [i32:0]", "chicory")), "", Map.of(), null);
        assertEquals(Optional.empty(), KnownReferenceBugs.recognize(module, blamed));
        var undecided = blamed.withThirdOpinions(List.of(new Finding.ThirdOpinion("v8-liftoff", "node is not installed", "unavailable")));
        assertEquals(Optional.empty(), KnownReferenceBugs.recognize(module, undecided));
    }

    @Test
    void everyDocumentedBugHasASectionInTheWriteUp() throws IOException {
        var text = Files.readString(REPRODUCERS.resolveSibling("known-reference-bugs.md"));
        for (var bug : KnownReferenceBugs.CHICORY) {
            assertTrue(text.contains("<a id=\"" + bug.id() + "\"></a>"), () -> "known-reference-bugs.md has no section for " + bug.id());
        }
    }
}

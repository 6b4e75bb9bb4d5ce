package flint.harness.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

    private static CommandResult pass(String file, int index) {
        return new CommandResult(file, index, index * 10, "assert_return", Outcome.PASS, "");
    }

    private static CommandResult fail(String file, int index, String detail) {
        return new CommandResult(file, index, index * 10, "assert_return", Outcome.FAIL, detail);
    }

    @Test void judgesAgainstTheKnownFailures() {
        var baseline = Baseline.empty().updatedWith(List.of(pass("a.wast", 0), fail("a.wast", 1, "boom")));
        assertEquals(Baseline.Verdict.OK, baseline.judge(pass("a.wast", 0)));
        assertEquals(Baseline.Verdict.KNOWN_FAILURE, baseline.judge(fail("a.wast", 1, "boom")));
        assertEquals(Baseline.Verdict.UNEXPECTED_PASS, baseline.judge(pass("a.wast", 1)));
        assertEquals(Baseline.Verdict.REGRESSION, baseline.judge(fail("a.wast", 0, "new")));
        assertEquals(Baseline.Verdict.REGRESSION, baseline.judge(fail("b.wast", 1, "boom")));
    }

    @Test void neighboursFailingForOneReasonShareALineButNeverSpanAPass() {
        var baseline = Baseline.empty().updatedWith(List.of(
                fail("a.wast", 0, "its module failed: malformed 'x 1'"),
                fail("a.wast", 1, "its module failed: malformed 'x 2'"),
                fail("a.wast", 2, "its module failed: malformed 'x 3'"),
                pass("a.wast", 3),
                fail("a.wast", 4, "its module failed: malformed 'x 4'")));
        assertEquals(2, baseline.entries().size());
        var first = baseline.entries().getFirst();
        assertEquals(0, first.first());
        assertEquals(2, first.last());
        assertNull(baseline.entry("a.wast", 3));
    }

    @Test void rewritingKeepsHandWrittenReasonsAndOtherFiles(@TempDir Path dir) throws IOException {
        var path = dir.resolve("engine.tsv");
        Baseline.empty().updatedWith(List.of(fail("a.wast", 1, "result 0: expected i32:0, got i32:1"),
                fail("b.wast", 0, "x"))).write(path);
        var text = java.nio.file.Files.readString(path).replace("result 0: expected i32:0, got i32:1", "tags are not generative");
        java.nio.file.Files.writeString(path, text);

        var rewritten = Baseline.read(path).updatedWith(List.of(fail("a.wast", 1, "result 0: expected i32:0, got i32:1")));
        assertEquals("tags are not generative", rewritten.entry("a.wast", 1).reason());
        assertEquals("x", rewritten.entry("b.wast", 0).reason(), "files not run keep their entries");

        rewritten.write(path);
        var reread = Baseline.read(path);
        assertEquals(rewritten.entries(), reread.entries());
    }

    @Test void anImprovementLeavesTheBaseline() {
        var before = Baseline.empty().updatedWith(List.of(fail("a.wast", 1, "boom")));
        var after = before.updatedWith(List.of(pass("a.wast", 1)));
        assertEquals(List.of(), after.entries());
    }
}

package flint.spec;

import flint.harness.spec.Baseline;
import flint.harness.spec.CommandResult;
import flint.harness.spec.Outcome;
import flint.harness.spec.SpecRun;
import flint.harness.spec.SpecSummary;
import flint.harness.spec.SpecTarget;
import flint.harness.spec.SpecTargets;
import flint.harness.spec.Testsuite;
import flint.harness.spec.WastRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The regression gate: every command of every testsuite file on every gated target, one dynamic
 * test per command, judged against the target's committed baseline (a ratchet). Known failures
 * show as skipped tests with their reason; a regression or an unrecorded pass fails.
 *
 * <p>{@code -Dflint.spec.updateBaseline=true} rewrites the baselines from this run instead.
 * {@code -Dflint.spec.targets=frontend} limits the targets; {@code -Dflint.spec.files=i32.wast,...}
 * the files (the baseline is then only rewritten for those files).
 */
class SpecGateTest {
    private static final List<String> GATED = List.of("frontend", "chicory", "flint");
    private static final Path REPO = Path.of(System.getProperty("flint.repo", "..")).toAbsolutePath().normalize();
    private static final boolean UPDATE = Boolean.getBoolean("flint.spec.updateBaseline");

    /** Each target's results, collected while the dynamic tests run, for summaries and updates. */
    private static final Map<String, List<CommandResult>> RESULTS = Collections.synchronizedMap(new LinkedHashMap<>());
    private static Testsuite suite;

    @TestFactory
    Stream<DynamicNode> testsuite() {
        suite = Testsuite.locate(REPO);
        var files = selectedFiles(suite);
        return targets().stream().map(target -> {
            var baseline = Baseline.read(SpecRun.baselinePath(REPO, target.name()));
            var collected = new ArrayList<CommandResult>();
            RESULTS.put(target.name(), collected);
            return DynamicContainer.dynamicContainer(target.name(), files.stream().map(file -> {
                var results = WastRunner.run(target, file);
                collected.addAll(results);
                return DynamicContainer.dynamicContainer(file.name(),
                        results.stream().map(r -> commandTest(r, baseline)));
            }));
        });
    }

    private static DynamicTest commandTest(CommandResult r, Baseline baseline) {
        var name = r.file() + ":" + r.line() + " #" + r.index() + " " + r.kind();
        return DynamicTest.dynamicTest(name, () -> {
            if (UPDATE) {
                Assumptions.assumeTrue(r.outcome() == Outcome.PASS, () -> "recorded in the baseline: " + r.detail());
                return;
            }
            switch (baseline.judge(r)) {
                case OK -> { }
                case KNOWN_FAILURE -> Assumptions.abort("known " + r.outcome().text() + " ("
                        + baseline.entry(r.file(), r.index()).reason() + "): " + r.detail());
                case REGRESSION -> Assertions.fail(name + ": " + r.outcome().text() + " not in the baseline: " + r.detail());
                case UNEXPECTED_PASS -> Assertions.fail(name + ": passes now but the baseline lists it as a known "
                        + baseline.entry(r.file(), r.index()).outcome().text() + " ("
                        + baseline.entry(r.file(), r.index()).reason()
                        + "); record the improvement by rewriting the baseline (see spec-tests/README.md)");
            }
        });
    }

    @AfterAll
    static void writeSummariesAndBaselines() {
        if (suite == null) return;
        RESULTS.forEach((target, results) -> {
            if (results.isEmpty()) return;
            SpecSummary.write(SpecRun.summaryPath(REPO, target), SpecSummary.render(target, suite, results));
            if (UPDATE) {
                var path = SpecRun.baselinePath(REPO, target);
                Baseline.read(path).updatedWith(results).write(path);
            }
        });
    }

    private static List<SpecTarget> targets() {
        var names = System.getProperty("flint.spec.targets", String.join(",", GATED)).split(",");
        var targets = new ArrayList<SpecTarget>();
        for (var n : names) {
            targets.add(SpecTargets.byName(n.strip()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown spec target '" + n + "'; known: " + SpecTargets.names())));
        }
        return targets;
    }

    private static List<Testsuite.SuiteFile> selectedFiles(Testsuite suite) {
        var selection = System.getProperty("flint.spec.files", "");
        if (selection.isBlank()) return suite.files();
        return Stream.of(selection.split(",")).map(String::strip).map(suite::file).toList();
    }
}

package flint.harness.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs a set of testsuite files on one target and judges the results against a baseline. */
public final class SpecRun {
    private SpecRun() {}

    /** The results of one file, as they arrive (for progress output). */
    public record FileResults(Testsuite.SuiteFile file, List<CommandResult> results, long millis) {
        public long count(Outcome o) { return results.stream().filter(r -> r.outcome() == o).count(); }
    }

    public static List<CommandResult> run(SpecTarget target, List<Testsuite.SuiteFile> files, Consumer<FileResults> progress) {
        var all = new ArrayList<CommandResult>();
        for (var file : files) {
            long start = System.nanoTime();
            var results = WastRunner.run(target, file);
            all.addAll(results);
            progress.accept(new FileResults(file, results, (System.nanoTime() - start) / 1_000_000));
        }
        return all;
    }

    /** Where a target's baseline lives in the repository. */
    public static Path baselinePath(Path repoRoot, String target) {
        return repoRoot.resolve("spec-tests").resolve("baseline").resolve(target + ".tsv");
    }

    /** Where a target's summary is written. */
    public static Path summaryPath(Path repoRoot, String target) {
        return repoRoot.resolve("reports").resolve("spec").resolve(target + ".md");
    }

    /** The verdicts that break the gate, with a line each saying why. */
    public static List<String> problems(Baseline baseline, List<CommandResult> results) {
        var problems = new ArrayList<String>();
        for (var r : results) {
            switch (baseline.judge(r)) {
                case REGRESSION -> problems.add("regression: " + r.file() + ":" + r.line() + " #" + r.index()
                        + " " + r.kind() + " " + r.outcome().text() + ": " + r.detail());
                case UNEXPECTED_PASS -> problems.add("unexpected pass (record it in the baseline): " + r.file() + ":"
                        + r.line() + " #" + r.index() + " " + r.kind());
                default -> { }
            }
        }
        return problems;
    }
}

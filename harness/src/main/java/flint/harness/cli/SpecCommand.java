package flint.harness.cli;

import flint.harness.spec.Baseline;
import flint.harness.spec.CommandResult;
import flint.harness.spec.SpecRun;
import flint.harness.spec.SpecSummary;
import flint.harness.spec.SpecTarget;
import flint.harness.spec.SpecTargets;
import flint.harness.spec.Testsuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code flint spec}: runs the spec testsuite on one engine, writes its summary, checks its baseline. */
@Command(
        name = "spec",
        description = {
            "Run the WebAssembly spec testsuite on an engine and compare with its baseline.",
            "Writes reports/spec/ENGINE.md; the baseline spec-tests/baseline/ENGINE.tsv lists known failures."},
        mixinStandardHelpOptions = true)
final class SpecCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = flint.harness.Engines.DEFAULT,
            description = "flint (native), chicory, chicory-compiler, microwasm, or frontend (decoder and validator"
                    + " only). Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--testsuite", paramLabel = "DIR",
            description = "The testsuite folder (default: -Dflint.testsuite, else ../shared/wasm-testsuite).")
    Path testsuite;

    @Option(names = "--update-baseline", description = "Rewrite the baseline to record this run's failures.")
    boolean updateBaseline;

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".",
            description = "The repository root, where baselines and reports live (default: the current folder).")
    Path repo;

    @Parameters(paramLabel = "FILES", arity = "0..*",
            description = "Testsuite files to run, as named in the suite (e.g. i32.wast, proposals/threads/atomic.wast). Default: all.")
    List<String> files = new ArrayList<>();

    @Override public Integer call() {
        SpecTarget target = SpecTargets.byName(engine).orElseThrow(() -> CliError.usage(
                "unknown engine '" + engine + "'; known: " + String.join(", ", SpecTargets.names())));
        Testsuite suite;
        try {
            suite = testsuite != null ? Testsuite.open(testsuite) : Testsuite.locate(repo);
        } catch (Testsuite.MissingTestsuiteException e) {
            throw CliError.badInput(e.getMessage(), e);
        }
        var selected = new ArrayList<Testsuite.SuiteFile>();
        for (var name : files) {
            try {
                selected.add(suite.file(name));
            } catch (IllegalArgumentException e) {
                throw CliError.usage(e.getMessage());
            }
        }
        if (selected.isEmpty()) selected.addAll(suite.files());

        var out = spec.commandLine().getOut();
        var done = new int[] {0};
        List<CommandResult> results = SpecRun.run(target, selected, fr -> {
            done[0]++;
            out.printf("[%3d/%d] %-45s %5d passed %4d failed %4d skipped  %6d ms%n", done[0], selected.size(),
                    fr.file().name(), fr.count(flint.harness.spec.Outcome.PASS), fr.count(flint.harness.spec.Outcome.FAIL),
                    fr.count(flint.harness.spec.Outcome.SKIP), fr.millis());
            out.flush();
        });

        var summaryPath = SpecRun.summaryPath(repo, target.name());
        SpecSummary.write(summaryPath, SpecSummary.render(target.name(), suite, results));
        long pass = results.stream().filter(r -> r.outcome() == flint.harness.spec.Outcome.PASS).count();
        out.printf("%s: %d passed, %d failed/skipped of %d commands; summary in %s%n", target.name(), pass,
                results.size() - pass, results.size(), summaryPath);

        var baselinePath = SpecRun.baselinePath(repo, target.name());
        var baseline = Baseline.read(baselinePath);
        if (updateBaseline) {
            baseline.updatedWith(results).write(baselinePath);
            out.println("baseline rewritten: " + baselinePath);
            return ExitCodes.OK;
        }
        var problems = SpecRun.problems(baseline, results);
        problems.forEach(spec.commandLine().getErr()::println);
        if (!problems.isEmpty()) {
            spec.commandLine().getErr().printf("flint: %d differences from the baseline %s%n", problems.size(), baselinePath);
            return ExitCodes.SPEC_REGRESSION;
        }
        out.println("matches the baseline " + baselinePath);
        return ExitCodes.OK;
    }
}

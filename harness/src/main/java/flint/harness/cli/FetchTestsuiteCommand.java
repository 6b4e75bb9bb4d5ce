package flint.harness.cli;

import flint.harness.spec.TestsuiteFetcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code flint fetch-testsuite DIR}: downloads and verifies the pinned spec testsuite. */
@Command(
        name = "fetch-testsuite",
        description = {
            "Download the pinned WebAssembly spec testsuite and verify it.",
            "Unpacks the pinned commit's .wast files into DIR and checks every file against the git",
            "blob hashes Flint records for that commit.",
            "Then run tests with -Dflint.testsuite=DIR (or flint spec --testsuite DIR)."},
        mixinStandardHelpOptions = true)
final class FetchTestsuiteCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A new or empty folder to unpack into.")
    Path target;

    @Option(names = "--from", paramLabel = "URL", description = "Where the tarball is (default: the pinned commit's archive; file: URLs work too).")
    URI source = TestsuiteFetcher.PINNED_TARBALL;

    @Option(names = "--sha256", paramLabel = "HEX", description = "Also require this SHA-256 of the tarball.")
    String sha256;

    @Override public Integer call() {
        var out = spec.commandLine().getOut();
        try {
            var result = TestsuiteFetcher.fetch(source, target, sha256, line -> {
                out.println(line);
                out.flush();
            });
            out.println("testsuite ready in " + result.folder().toAbsolutePath() + " (" + result.files() + " files)");
            return ExitCodes.OK;
        } catch (TestsuiteFetcher.VerificationException e) {
            throw CliError.badInput(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw CliError.usage(e.getMessage());
        } catch (IOException e) {
            throw CliError.badInput("cannot fetch the testsuite: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliError.badInput("interrupted", e);
        }
    }
}

package flint.harness.cli;

import flint.harness.diff.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flint merge --out DIR SHARD_DIR...}: joins the bucket folders of several campaigns (shards). */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Join the findings of several fuzz campaigns (e.g. shards) into one report folder.",
            "Buckets are folders named by signature, so the same bug found by two shards is kept once",
            "(the first copy wins). Writes DIR/index.html."})
final class MergeCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The merged report folder.")
    Path out;

    @Parameters(paramLabel = "CAMPAIGN_DIR", arity = "1..*", description = "Campaign folders (their findings/) or report folders.")
    List<Path> inputs;

    @Override public Integer call() throws IOException {
        var target = new ReportWriter(out);
        int copied = 0, duplicates = 0;
        for (var input : inputs) {
            var from = Files.isDirectory(input.resolve("findings")) ? input.resolve("findings") : input;
            if (!Files.isDirectory(from)) throw CliError.badInput(input + ": not a folder", null);
            for (var bucket : new ReportWriter(from).buckets()) {
                var dest = out.resolve(bucket.getFileName());
                if (Files.exists(dest)) {
                    duplicates++;
                    continue;
                }
                Files.createDirectories(dest);
                try (var files = Files.list(bucket)) {
                    for (var f : files.toList()) {
                        if (Files.isRegularFile(f)) Files.copy(f, dest.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                copied++;
            }
        }
        target.writeIndex();
        var o = spec.commandLine().getOut();
        o.println("merged " + copied + " buckets (" + duplicates + " duplicates skipped) into " + out);
        o.flush();
        return ExitCodes.OK;
    }
}

package flint.harness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a run's reports into a folder: summary.md, chart.svg and results.json. */
public final class BenchReports {
    private BenchReports() {}

    /** Writes the three files and returns their paths. */
    public static List<Path> write(BenchResults results, Path dir) throws IOException {
        Files.createDirectories(dir);
        var summary = dir.resolve("summary.md");
        var chart = dir.resolve("chart.svg");
        var json = dir.resolve("results.json");
        Files.writeString(summary, MarkdownSummary.write(results));
        Files.writeString(chart, SvgChart.write(results));
        Files.writeString(json, JsonResults.write(results));
        return List.of(summary, chart, json);
    }
}

package flint.harness.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The Markdown summary of one engine's run: per feature class, per file, and the total. */
public final class SpecSummary {
    private SpecSummary() {}

    private static final class Tally {
        int pass, fail, skip;

        void add(Outcome o) {
            switch (o) {
                case PASS -> pass++;
                case FAIL -> fail++;
                case SKIP -> skip++;
            }
        }

        int total() { return pass + fail + skip; }

        String row(String name) {
            var pct = total() == 0 ? "-" : String.format("%.1f %%", 100.0 * pass / total());
            return "| " + name + " | " + pass + " | " + fail + " | " + skip + " | " + total() + " | " + pct + " |\n";
        }
    }

    public static String render(String engine, Testsuite suite, Collection<CommandResult> results) {
        var byClass = new TreeMap<String, Tally>();
        var byFile = new LinkedHashMap<String, Tally>();
        var total = new Tally();
        for (var r : results) {
            var f = suite.file(r.file());
            byClass.computeIfAbsent(f.featureClass(), k -> new Tally()).add(r.outcome());
            byFile.computeIfAbsent(r.file(), k -> new Tally()).add(r.outcome());
            total.add(r.outcome());
        }
        var sb = new StringBuilder();
        sb.append("# Spec testsuite on `").append(engine).append("`\n\n");
        sb.append("Testsuite: `").append(suite.root().getFileName()).append("`, ").append(byFile.size())
                .append(" files run. Feature classes as in the testsuite's SOURCE.md.\n\n");
        header(sb, "feature class");
        for (Map.Entry<String, Tally> e : byClass.entrySet()) sb.append(e.getValue().row(e.getKey()));
        sb.append(total.row("**total**"));
        sb.append("\n## Per file\n\n");
        header(sb, "file");
        for (var e : byFile.entrySet()) sb.append(e.getValue().row(e.getKey()));
        return sb.toString();
    }

    private static void header(StringBuilder sb, String first) {
        sb.append("| ").append(first).append(" | passed | failed | skipped | commands | pass rate |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
    }

    public static void write(Path path, String markdown) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}

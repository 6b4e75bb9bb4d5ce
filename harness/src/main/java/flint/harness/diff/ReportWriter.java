package flint.harness.diff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes one folder per bucket under a report directory: {@code repro.wasm}, {@code repro.wat},
 * {@code finding.json}, {@code README.md} and {@code page.html}; and {@code index.html} listing every
 * bucket. Writing a bucket again replaces it (a better reproducer, third opinions added).
 */
public final class ReportWriter {

    private final Path root;

    public ReportWriter(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The finding of {@code divergence} in {@code module}, without third opinions yet. */
    public static Finding finding(byte[] module, Divergence divergence, long seed, java.util.Map<String, String> generator) {
        var outcomes = new java.util.LinkedHashMap<String, String>();
        divergence.outcomes().forEach((engine, outcome) -> outcomes.put(engine, outcome.toString()));
        return new Finding(Finding.FORMAT, divergence.bucket(), divergence.signature(), divergence.kind().tag(),
                summary(divergence), divergence.detail(), seed, generator, List.copyOf(divergence.outcomes().keySet()),
                ThirdOpinions.findingCalls(module, divergence.calls()), divergence.step(), outcomes, List.of(),
                java.time.Instant.now().toString(), divergence.states(), null);
    }

    /** One sentence: what diverged where. */
    static String summary(Divergence d) {
        var where = d.call() == null ? "while instantiating" : "after calling " + d.call();
        var engines = String.join(" and ", d.outcomes().keySet());
        return capitalize(d.kind().describe()) + " " + where + " (" + engines + ").";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Writes (or replaces) the bucket folder of {@code finding}; returns it. */
    public Path write(byte[] module, Finding finding) {
        var dir = root.resolve(finding.bucket());
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(dir.resolve("repro.wasm"), module);
            var wat = Listings.wat(module);
            AtomicFiles.writeString(dir.resolve("repro.wat"), wat);
            FindingJson.write(dir.resolve("finding.json"), finding);
            AtomicFiles.writeString(dir.resolve("README.md"), readme(module, finding, wat, dir));
            AtomicFiles.writeString(dir.resolve("page.html"), HtmlPages.bucketPage(module, finding));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Keeps a further finding of a known bucket as {@code samples/<hit>.wasm} and {@code <hit>.json}
     * (the {@code hit}-th finding of the bucket), for the end of the campaign to triage.
     */
    public Path writeSample(byte[] module, Finding finding, long hit) {
        var dir = root.resolve(finding.bucket()).resolve("samples");
        try {
            Files.createDirectories(dir);
            FindingJson.write(dir.resolve(hit + ".json"), finding);
            var sample = dir.resolve(hit + ".wasm");
            AtomicFiles.write(sample, module);
            return sample;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a sample under " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A bucket folder's samples ({@code samples/<hit>.wasm}), by hit. */
    public static List<Path> samples(Path bucketDir) {
        var dir = bucketDir.resolve("samples");
        if (!Files.isDirectory(dir)) return List.of();
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d+\\.wasm"))
                    .sorted(java.util.Comparator.comparingLong(f -> Long.parseLong(f.getFileName().toString().replace(".wasm", ""))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The finding.json of a sample. */
    public static Path sampleFinding(Path sample) {
        return sample.resolveSibling(sample.getFileName().toString().replace(".wasm", ".json"));
    }

    /** Rewrites {@code index.html} from the bucket folders present. */
    public Path writeIndex() {
        var findings = new ArrayList<Finding>();
        for (var dir : buckets()) findings.add(FindingJson.read(dir.resolve("finding.json"), Finding.class));
        var index = root.resolve("index.html");
        try {
            AtomicFiles.writeString(index, HtmlPages.index(findings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return index;
    }

    /** Every bucket folder (one holding a finding.json), by name. */
    public List<Path> buckets() {
        if (!Files.isDirectory(root)) return List.of();
        try (var dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("finding.json"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readme(byte[] module, Finding f, String wat, Path dir) {
        var call = f.step() == 0 ? null : f.calls().get(f.step() - 1);
        var md = new StringBuilder();
        md.append("# ").append(f.bucket()).append("\n\n");
        md.append(f.summary()).append("\n\n");
        md.append("- signature: `").append(f.signature()).append("`\n");
        md.append("- seed: ").append(f.seed()).append("; generator: ").append(f.generator()).append("\n");
        md.append("- found: ").append(f.foundAt()).append("\n");
        if (f.triage() != null) {
            md.append("- V8 Liftoff sided with: ").append(f.triage().v8Side()).append(" (when found)\n");
            md.append("- status: ").append(f.status()).append("\n");
            if (!f.triage().samples().isEmpty()) {
                md.append("- samples (further findings of this bucket, in `samples/`): ").append(String.join("; ", f.triage().samples())).append("\n");
            }
        }
        md.append("\n");
        md.append("## The call\n\n");
        if (call == null) {
            md.append("Instantiation (no call).\n\n");
        } else {
            md.append("`").append(call.export()).append("(").append(call.args().stream().map(JsonValue::toString)
                    .collect(Collectors.joining(", "))).append(")`");
            if (f.calls().size() > 1) md.append(", after ").append(f.calls().size() - 1).append(" earlier calls (finding.json lists them)");
            md.append("\n\n");
        }
        md.append("## Outcomes\n\n| engine | outcome |\n|---|---|\n");
        f.outcomes().forEach((engine, outcome) -> md.append("| ").append(engine).append(" | `").append(outcome.replace("|", "\\|")).append("` |\n"));
        md.append("\nDetail: ").append(f.detail()).append("\n\n");
        md.append("## Third opinions\n\n");
        if (f.thirdOpinions().isEmpty()) {
            md.append("None recorded yet.\n\n");
        } else {
            md.append("| engine | outcome | sides with |\n|---|---|---|\n");
            for (var o : f.thirdOpinions()) {
                md.append("| ").append(o.engine()).append(" | `").append(o.outcome().replace("|", "\\|")).append("` | ").append(o.sidesWith()).append(" |\n");
            }
            md.append("\nThe third opinions suspect: **").append(f.suspect()).append("**.\n\n");
        }
        md.append("## Replay\n\n```\n./flint replay ").append(dir).append("\n```\n\n");
        md.append("Open `page.html` in a browser to run the same calls on its own WebAssembly engine.\n\n");
        md.append("## Module\n\n```wat\n").append(wat.strip()).append("\n```\n\n");
        if (call != null) {
            md.append("## Microwasm of `").append(call.export()).append("`\n\n```\n")
                    .append(Listings.microwasm(module, call.export()).strip()).append("\n```\n\n");
            md.append("## x86-64 of `").append(call.export()).append("`\n\n```\n")
                    .append(Listings.asm(module, call.export()).strip()).append("\n```\n");
        }
        return md.toString();
    }
}

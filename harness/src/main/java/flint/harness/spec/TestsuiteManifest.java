package flint.harness.spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pinned testsuite as Flint knows it: every file's git blob hash at the pinned commit (to
 * verify a copy) and its feature class (for summaries). A classpath resource, so the CLI has it
 * wherever it runs.
 */
public final class TestsuiteManifest {
    public static final String COMMIT = "193e551ff22663995b1ac95dc62344133669e14b";
    public static final String REPOSITORY = "WebAssembly/testsuite";

    public record Entry(String path, String blobSha1, String featureClass, String feature) {}

    private static final Map<String, Entry> ENTRIES = load();

    private TestsuiteManifest() {}

    public static Map<String, Entry> entries() { return ENTRIES; }

    public static Entry entry(String path) { return ENTRIES.get(path); }

    private static Map<String, Entry> load() {
        var entries = new LinkedHashMap<String, Entry>();
        var in = TestsuiteManifest.class.getResourceAsStream("testsuite-manifest.tsv");
        if (in == null) throw new IllegalStateException("testsuite-manifest.tsv is missing from the classpath");
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                var c = line.split("\t");
                entries.put(c[0], new Entry(c[0], c[1], c[2], c[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(entries);
    }
}

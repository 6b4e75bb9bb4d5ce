package flint.harness.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A local copy of the official spec testsuite: its {@code .wast} files, each with the feature
 * class the {@link TestsuiteManifest} gives it.
 */
public final class Testsuite {
    /** The system property naming the testsuite folder. */
    public static final String PROPERTY = "flint.testsuite";
    /** The default location, relative to the repository root. */
    public static final String DEFAULT_LOCATION = "../shared/wasm-testsuite";

    private final Path root;
    private final Map<String, SuiteFile> files;

    private Testsuite(Path root, Map<String, SuiteFile> files) {
        this.root = root;
        this.files = files;
    }

    /** The testsuite named by {@value #PROPERTY}, else the default location seen from {@code repoRoot}. */
    public static Testsuite locate(Path repoRoot) {
        var configured = System.getProperty(PROPERTY);
        var root = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : repoRoot.resolve(DEFAULT_LOCATION);
        return open(root.toAbsolutePath().normalize());
    }

    public static Testsuite open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new MissingTestsuiteException(root);
        }
        var files = new LinkedHashMap<String, SuiteFile>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.toString().endsWith(".wast")).sorted().forEach(p -> {
                var name = root.relativize(p).toString().replace('\\', '/');
                var known = TestsuiteManifest.entry(name);
                files.put(name, known == null
                        ? new SuiteFile(name, p, "unclassified", "not in the pinned testsuite")
                        : new SuiteFile(name, p, known.featureClass(), known.feature()));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the testsuite at " + root, e);
        }
        if (files.isEmpty()) throw new MissingTestsuiteException(root);
        return new Testsuite(root, files);
    }

    public Path root() { return root; }

    public List<SuiteFile> files() { return List.copyOf(files.values()); }

    public SuiteFile file(String name) {
        var f = files.get(name);
        if (f == null) throw new IllegalArgumentException("no such testsuite file: " + name + " (in " + root + ")");
        return f;
    }

    /** One script of the suite with its classification. */
    public record SuiteFile(String name, Path path, String featureClass, String feature) {}

    /** The testsuite folder is missing or empty; the message says how to provide one. */
    public static final class MissingTestsuiteException extends RuntimeException {
        public MissingTestsuiteException(Path root) {
            super("the WebAssembly spec testsuite was not found at " + root + ". Provide it with -D" + PROPERTY
                    + "=/path/to/testsuite (a folder of .wast files), or fetch the pinned upstream commit with"
                    + " `./flint fetch-testsuite DIR` (see README).");
        }
    }

    /** Lists every file name, for messages. */
    public List<String> names() { return new ArrayList<>(files.keySet()); }
}

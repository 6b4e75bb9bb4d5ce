package flint.wasm.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the spec testsuite is, and its scripts. */
final class Testsuite {
    private Testsuite() {}

    /**
     * The folder from the {@code flint.testsuite} system property (Surefire sets it), else
     * {@code shared/wasm-testsuite} beside the project: the project is the working directory or,
     * when tests run inside the compiler module, its parent.
     */
    static Path root() {
        var property = System.getProperty("flint.testsuite");
        if (property != null && !property.isBlank()) return Path.of(property);
        var cwd = Path.of("").toAbsolutePath();
        var project = Files.isDirectory(cwd.resolve("compiler")) ? cwd : cwd.getParent();
        return project.resolve("../shared/wasm-testsuite").normalize();
    }

    /** Every {@code .wast} file, sorted by path. */
    static List<Path> scripts() {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path script) {
        return root().relativize(script).toString();
    }
}

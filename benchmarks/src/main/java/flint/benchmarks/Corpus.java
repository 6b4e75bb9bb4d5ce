package flint.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads benchmark modules from corpus/bench (run from the repository root, or set -Dflint.bench.corpus). */
final class Corpus {
    private Corpus() {}

    static byte[] read(String program) {
        var dir = Path.of(System.getProperty("flint.bench.corpus", "corpus/bench"));
        var file = dir.resolve(program + ".wasm");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath()
                    + " (run from the repository root or pass -Dflint.bench.corpus=DIR)", e);
        }
    }
}

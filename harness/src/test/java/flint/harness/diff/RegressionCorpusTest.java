package flint.harness.diff;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixed divergence's reproducer in {@code corpus/regressions/} is replayed on Chicory and
 * Flint and must agree (features Flint does not support yet are inconclusive, not failures).
 */
class RegressionCorpusTest {

    static final Path REGRESSIONS = Path.of("..", "corpus", "regressions");

    @TestFactory
    Stream<DynamicTest> everyRegressionAgreesOnAllEngines() throws IOException {
        if (!Files.isDirectory(REGRESSIONS)) return Stream.empty();
        List<Path> files;
        try (var list = Files.list(REGRESSIONS)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".wasm")).sorted().toList();
        }
        var oracle = DifferentialOracle.of(DifferentialOracle.Config.defaults(), List.of("chicory", "flint"));
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            var verdict = oracle.run(Files.readAllBytes(file), 0);
            assertFalse(verdict.diverged(), () -> file + ": " + verdict.divergences());
        }));
    }
}

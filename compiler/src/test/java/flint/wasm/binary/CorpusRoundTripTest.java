package flint.wasm.binary;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every .wasm file of the repository's corpus decodes, and decode → encode → decode is the identity. */
class CorpusRoundTripTest {
    @TestFactory
    Stream<DynamicTest> corpusModulesRoundTrip() throws IOException {
        var corpus = findCorpus();
        Assumptions.assumeTrue(corpus != null, "no corpus directory");
        List<Path> files;
        try (var walk = Files.walk(corpus)) {
            files = walk.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(corpus.relativize(file).toString(), () -> {
            var module = ModuleDecoder.decode(Files.readAllBytes(file));
            assertEquals(module, ModuleDecoder.decode(ModuleEncoder.encode(module)));
        }));
    }

    /** The corpus is a sibling of the compiler module (tests run in compiler/). */
    private static Path findCorpus() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            var candidate = dir.resolve("corpus");
            if (Files.isDirectory(candidate) && Files.exists(dir.resolve("pom.xml"))) return candidate;
        }
        return null;
    }
}

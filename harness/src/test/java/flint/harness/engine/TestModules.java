package flint.harness.engine;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Loads the test modules under {@code src/test/resources/engine} (each next to its .wat source). */
public final class TestModules {
    private TestModules() {}

    public static byte[] load(String name) {
        String path = "/engine/" + name + ".wasm";
        try (var in = TestModules.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test module " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

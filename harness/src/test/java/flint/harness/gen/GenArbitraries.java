package flint.harness.gen;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * jqwik as an entropy source: an arbitrary byte string drives {@link ByteEntropy}, so jqwik
 * shrinks a failing module by shrinking its bytes (towards fewer and smaller choices).
 */
final class GenArbitraries {
    private GenArbitraries() {}

    static Arbitrary<byte[]> entropyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    }

    static Arbitrary<GeneratedModule> modules(GenConfig config) {
        return entropyBytes().map(bytes -> new ModuleGenerator(new ByteEntropy(bytes), config).generate());
    }
}

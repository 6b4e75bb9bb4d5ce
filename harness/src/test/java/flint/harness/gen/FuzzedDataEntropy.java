package flint.harness.gen;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * Jazzer's bytes as an {@link Entropy}: the generator code is the same as for a seed, only the
 * choices come from the fuzzer, which mutates them guided by coverage. (An adapter in test code
 * because jazzer-api is a test dependency of the harness.) Once the data runs out the provider
 * returns its minimum, 0, as {@link ByteEntropy} does.
 */
final class FuzzedDataEntropy implements Entropy {
    private final FuzzedDataProvider data;

    FuzzedDataEntropy(FuzzedDataProvider data) {
        this.data = data;
    }

    @Override public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
        return data.consumeInt(0, bound - 1);
    }

    @Override public long nextLong() {
        return data.consumeLong();
    }
}

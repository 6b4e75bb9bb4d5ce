package flint.harness.gen;

/**
 * A SplitMix64 generator: the seed alone reproduces everything generated from it. Chosen over
 * {@link java.util.Random} because its output is specified by a few lines here, not by a JDK
 * version, so a seed printed in a report replays the same module anywhere.
 */
public final class SeededEntropy implements Entropy {
    private long state;

    public SeededEntropy(long seed) {
        this.state = seed;
    }

    @Override public long nextLong() {
        long z = (state += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    @Override public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
        // Lemire's multiply-shift; the tiny bias does not matter for test generation.
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }
}

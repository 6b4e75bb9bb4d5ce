package flint.harness.gen;

import java.util.List;

/**
 * Where every random choice of the generators comes from. Three sources implement it — a seeded
 * PRNG ({@link SeededEntropy}), a byte string ({@link ByteEntropy}, which also backs Jazzer's
 * {@code FuzzedDataProvider} and jqwik in tests) — and the generator code is the same for all, so
 * a module is reproduced by replaying its source: the seed, or the bytes.
 *
 * <p>Only {@link #nextInt(int)} and {@link #nextLong()} are primitive; everything else is derived
 * here, so two sources that return the same primitives make the same module.
 */
public interface Entropy {

    /** A value in {@code [0, bound)}; {@code bound} must be positive. */
    int nextInt(int bound);

    /** 64 uniformly random bits. */
    long nextLong();

    /** A value in {@code [lo, hi]} (inclusive). */
    default int between(int lo, int hi) {
        if (hi < lo) throw new IllegalArgumentException(lo + " > " + hi);
        long span = (long) hi - lo + 1;
        return span > Integer.MAX_VALUE ? lo + (int) (nextLong() & 0x7FFF_FFFFL) : lo + nextInt((int) span);
    }

    default int nextIntBits() {
        return (int) nextLong();
    }

    default boolean nextBoolean() {
        return nextInt(2) == 1;
    }

    /** True with probability {@code permille}/1000. */
    default boolean chance(int permille) {
        return permille > 0 && (permille >= 1000 || nextInt(1000) < permille);
    }

    default <T> T pick(List<T> items) {
        return items.get(nextInt(items.size()));
    }

    /** An index chosen with probability proportional to its weight (all weights ≥ 0, some positive). */
    default int weighted(int[] weights) {
        long total = 0;
        for (int w : weights) total += w;
        if (total <= 0) throw new IllegalArgumentException("no positive weight");
        long r = total <= Integer.MAX_VALUE ? nextInt((int) total) : Long.remainderUnsigned(nextLong(), total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) return i;
        }
        throw new AssertionError();
    }
}

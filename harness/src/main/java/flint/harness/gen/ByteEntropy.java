package flint.harness.gen;

/**
 * Entropy read from a byte string, as coverage-guided fuzzers supply it. Once the bytes run out
 * every choice is 0, which the generators treat as "the smallest option" (stop, no more
 * functions, the first alternative), so short inputs make small modules and a fuzzer or jqwik
 * shrinking bytes towards zero shrinks the module too.
 */
public final class ByteEntropy implements Entropy {
    private final byte[] bytes;
    private int position;

    public ByteEntropy(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    private int nextByte() {
        return position < bytes.length ? bytes[position++] & 0xFF : 0;
    }

    /** Whether choices are still drawn from the input rather than defaulting to 0. */
    public boolean exhausted() {
        return position >= bytes.length;
    }

    @Override public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
        if (bound == 1) return 0;
        // As few bytes as the bound needs, so each byte keeps a local meaning for the fuzzer.
        long v = nextByte();
        if (bound > 0x100) v = v << 8 | nextByte();
        if (bound > 0x10000) v = v << 8 | nextByte();
        if (bound > 0x1000000) v = v << 8 | nextByte();
        return (int) (v % bound);
    }

    @Override public long nextLong() {
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | nextByte();
        return v;
    }
}

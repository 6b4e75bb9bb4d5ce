package flint.harness.shrink;

import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.Validator;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Puts candidates to the test: the validator first (an invalid candidate is never shown to the
 * predicate, whose engines might disagree on it for the wrong reason), then the predicate. Counts
 * everything for the report and enforces the budget. A candidate seen before is answered "no"
 * without asking again: passes revisit the same edits in later rounds, and only rejected
 * candidates can come back (an accepted one becomes the current module).
 */
final class Candidates {
    private final ShrinkPredicate predicate;
    private final ShrinkBudget budget;
    private final long startNanos = System.nanoTime();
    private final Set<ByteBuffer> rejected = new HashSet<>();
    private long attempts;
    private long valid;
    private long accepted;
    private final java.util.List<String> passFailures = new java.util.ArrayList<>();

    Candidates(ShrinkPredicate predicate, ShrinkBudget budget) {
        this.predicate = predicate;
        this.budget = budget;
    }

    /** Whether the candidate is valid and still interesting; false once the budget is spent. */
    boolean test(WasmModule candidate) {
        if (exhausted()) return false;
        byte[] bytes;
        try {
            bytes = ModuleEncoder.encode(candidate);
        } catch (RuntimeException e) {
            attempts++;
            return false; // an edit produced something the encoder cannot express
        }
        var key = digest(bytes);
        if (rejected.contains(key)) return false;
        attempts++;
        try {
            Validator.validate(candidate);
        } catch (RuntimeException e) {
            rejected.add(key);
            return false;
        }
        valid++;
        boolean interesting;
        try {
            interesting = predicate.test(candidate);
        } catch (RuntimeException e) {
            interesting = false;
        }
        if (interesting) accepted++;
        else rejected.add(key);
        return interesting;
    }

    /** A digest stands for the candidate in the set of rejected ones: keeping every rejected module's bytes would cost far more. */
    private static ByteBuffer digest(byte[] bytes) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    boolean exhausted() {
        return attempts >= budget.maxAttempts() || elapsed().compareTo(budget.time()) >= 0;
    }

    Duration elapsed() { return Duration.ofNanos(System.nanoTime() - startNanos); }

    long attempts() { return attempts; }

    long valid() { return valid; }

    long accepted() { return accepted; }

    /** A pass broke on this module (a shrinker bug): remembered for the report. */
    void passFailed(String what) {
        if (passFailures.size() < 20) passFailures.add(what);
    }

    java.util.List<String> passFailures() { return java.util.List.copyOf(passFailures); }
}

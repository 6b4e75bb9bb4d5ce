package flint.harness.shrink;

import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.Validator;
import flint.wasm.value.Value;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts candidates to the test: the validator first (an invalid candidate is never shown to the
 * predicate, whose engines might disagree on it for the wrong reason), then the predicate. Counts
 * everything for the report and enforces the budget. A candidate seen before is answered "no"
 * without asking again: passes revisit the same edits in later rounds, and only rejected
 * candidates can come back (an accepted one becomes the current subject).
 *
 * <p>A candidate is a module with calls. Passes that only edit the module test modules: they see
 * a view ({@link #replaying}) that pairs every module with the current calls. All views share the
 * counters, the budget and the memory of rejected candidates.
 */
final class Candidates {

    /** What all views share. */
    private static final class Search {
        final ReplayPredicate predicate;
        final ShrinkBudget budget;
        final long startNanos = System.nanoTime();
        final Set<ByteBuffer> rejected = new HashSet<>();
        final List<String> passFailures = new ArrayList<>();
        long attempts;
        long valid;
        long accepted;

        Search(ReplayPredicate predicate, ShrinkBudget budget) {
            this.predicate = predicate;
            this.budget = budget;
        }
    }

    private final Search search;
    private final List<ShrinkCall> calls;

    Candidates(ReplayPredicate predicate, ShrinkBudget budget) {
        this(new Search(predicate, budget), List.of());
    }

    private Candidates(Search search, List<ShrinkCall> calls) {
        this.search = search;
        this.calls = List.copyOf(calls);
    }

    /** A view that tests modules together with {@code calls}; same counters and budget. */
    Candidates replaying(List<ShrinkCall> replayed) {
        return new Candidates(search, replayed);
    }

    /** Whether the module, with this view's calls, is valid and still interesting; false once the budget is spent. */
    boolean test(WasmModule candidate) {
        return test(new ShrinkSubject(candidate, calls));
    }

    /**
     * The first of {@code modules} that passes {@link #test(WasmModule)}; the stream is consumed
     * lazily, so candidates after it are never built.
     */
    java.util.Optional<WasmModule> firstAccepted(java.util.stream.Stream<WasmModule> modules) {
        return modules.filter(this::test).findFirst();
    }

    /** Whether the candidate is valid and still interesting; false once the budget is spent. */
    boolean test(ShrinkSubject candidate) {
        if (exhausted()) return false;
        byte[] bytes;
        try {
            bytes = ModuleEncoder.encode(candidate.module());
        } catch (RuntimeException e) {
            search.attempts++;
            return false; // an edit produced something the encoder cannot express
        }
        var key = digest(bytes, candidate.calls());
        if (search.rejected.contains(key)) return false;
        search.attempts++;
        try {
            Validator.validate(candidate.module());
        } catch (RuntimeException e) {
            search.rejected.add(key);
            return false;
        }
        search.valid++;
        boolean interesting;
        try {
            interesting = search.predicate.test(candidate);
        } catch (RuntimeException e) {
            interesting = false;
        }
        if (interesting) search.accepted++;
        else search.rejected.add(key);
        return interesting;
    }

    /** A digest stands for the candidate in the set of rejected ones: keeping every rejected module's bytes would cost far more. */
    private static ByteBuffer digest(byte[] bytes, List<ShrinkCall> calls) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes);
            var text = new StringBuilder();
            for (var call : calls) {
                text.append('\n').append(call.export().length()).append(':').append(call.export());
                for (var v : call.args()) text.append(' ').append(exact(v));
            }
            sha.update(text.toString().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Every bit of a value (floats by their bits, so NaN payloads count). */
    private static String exact(Value v) {
        return switch (v) {
            case Value.F32 f -> "f32:" + Integer.toHexString(f.bits());
            case Value.F64 f -> "f64:" + Long.toHexString(f.bits());
            default -> v.toString();
        };
    }

    boolean exhausted() {
        return search.attempts >= search.budget.maxAttempts() || elapsed().compareTo(search.budget.time()) >= 0;
    }

    Duration elapsed() { return Duration.ofNanos(System.nanoTime() - search.startNanos); }

    long attempts() { return search.attempts; }

    long valid() { return search.valid; }

    long accepted() { return search.accepted; }

    /** A pass broke on this module (a shrinker bug): remembered for the report. */
    void passFailed(String what) {
        if (search.passFailures.size() < 20) search.passFailures.add(what);
    }

    List<String> passFailures() { return List.copyOf(search.passFailures); }
}

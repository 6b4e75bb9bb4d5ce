package flint.harness.shrink;

import flint.wasm.model.WasmModule;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of a shrink: the smallest module found, the calls that go with it (empty when the
 * predicate judged modules alone), and how the search went.
 *
 * @param calls     the shrunk calls: the recorded ones minus those not needed, with simpler
 *                  arguments and without the arguments of parameters the shrinker removed
 * @param attempts  candidates built (each counted once, duplicates not rebuilt)
 * @param valid     candidates that passed the validator and were put to the predicate
 * @param accepted  candidates the predicate kept (each one a step of progress)
 * @param rounds    rounds of all passes (the last one changed nothing unless the budget ran out)
 * @param exhausted whether the budget stopped the search before a fixed point
 * @param passFailures passes that broke (shrinker bugs; the search went on without them), at most 20
 */
public record ShrinkReport(WasmModule module, List<ShrinkCall> calls, ModuleSize before, ModuleSize after, long attempts, long valid,
                           long accepted, int rounds, Duration elapsed, boolean exhausted,
                           List<String> passFailures) {

    public ShrinkReport {
        calls = List.copyOf(calls);
        passFailures = List.copyOf(passFailures);
    }

    public long invalid() { return attempts - valid; }

    /** A few lines for a terminal or a report file. */
    public String summary() {
        return "before: " + before + "\n"
                + "after:  " + after + "\n"
                + "search: " + attempts + " candidates (" + valid + " valid, " + invalid() + " invalid), "
                + accepted + " accepted, " + rounds + (rounds == 1 ? " round, " : " rounds, ")
                + String.format("%.1f s", elapsed.toMillis() / 1000.0)
                + (exhausted ? " (budget exhausted before a fixed point)" : " (fixed point)")
                + (passFailures.isEmpty() ? "" : "\nshrinker bugs (passes skipped): " + String.join("; ", passFailures));
    }
}

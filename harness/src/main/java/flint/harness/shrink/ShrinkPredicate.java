package flint.harness.shrink;

import flint.wasm.model.WasmModule;

/**
 * What the shrinker must preserve ("interestingness"): for a differential campaign, that the
 * engines still disagree with the same divergence signature. The shrinker only ever asks about
 * candidates that pass Flint's validator, and asks in a deterministic order, so a deterministic
 * predicate gives a deterministic result.
 *
 * <p>An exception thrown by {@link #test} counts as "not interesting": a predicate that crashes on
 * a candidate must not make the shrinker keep that candidate.
 */
@FunctionalInterface
public interface ShrinkPredicate {
    boolean test(WasmModule candidate);
}

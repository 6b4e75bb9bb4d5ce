package flint.harness.diff;

import java.util.function.Predicate;

/**
 * Shrinks a reproducer while {@code reproduces} holds (the same divergence signature). The
 * structure-aware shrinker implements this; until then reports carry the module as found. In a
 * campaign the predicate runs native code, so it must be evaluated in a worker JVM.
 */
@FunctionalInterface
public interface Minimizer {

    byte[] minimize(byte[] module, Predicate<byte[]> reproduces);

    Minimizer IDENTITY = (module, reproduces) -> module;
}

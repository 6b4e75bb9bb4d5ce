package flint.harness.diff;

import flint.wasm.model.FuncType;
import flint.wasm.value.Value;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Makes the arguments of one call. Every choice must come from {@code random}, so that a seed
 * reproduces the call. The generators' colleague may plug in type-aware or module-aware sources.
 */
@FunctionalInterface
public interface ArgumentSource {

    List<Value> arguments(FuncType type, RandomGenerator random);
}

package flint.harness.diff;

import flint.harness.gen.InterestingValues;
import flint.harness.gen.SeededEntropy;
import flint.wasm.model.FuncType;
import flint.wasm.value.Value;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Arguments biased towards the values where implementations go wrong (0, ±1, each width's
 * extremes, powers of two and their neighbours, ±0, ±infinity, subnormals, NaNs with payloads):
 * the generators' {@link InterestingValues}, so that constants in generated code and arguments
 * of calls come from one definition. References are null.
 */
public final class EdgeBiasedArguments implements ArgumentSource {

    @Override
    public List<Value> arguments(FuncType type, RandomGenerator random) {
        return new InterestingValues(new SeededEntropy(random.nextLong())).arguments(type);
    }
}

package flint.harness.gen;

import flint.harness.engine.Engine;
import flint.harness.engine.EngineException;
import flint.harness.engine.ExternType;
import flint.harness.engine.Instance;
import flint.wasm.value.Value;
import java.util.List;

/**
 * Runs every exported function of a generated module once, with edge-biased arguments and a full
 * fuel budget per call (via the {@code refuel} export). Outcomes are counted, not compared: this is
 * the load the benchmark measures generation against, and a smoke test that modules run.
 */
public final class ExportRunner {

    /**
     * Calls made, how many returned, how many ended in an engine-reported outcome (trap, uncaught
     * exception), and how many broke the harness or the engine otherwise (worth a look: a valid
     * module should never do that).
     */
    public record Outcome(int calls, int returned, int trapped, int broken) {
        Outcome plus(Outcome o) {
            return new Outcome(calls + o.calls, returned + o.returned, trapped + o.trapped, broken + o.broken);
        }
    }

    public static Outcome run(Engine engine, GeneratedModule module, Entropy argumentEntropy) {
        var instance = engine.instantiate(module.bytes(), module.imports());
        return runExports(instance, new InterestingValues(argumentEntropy));
    }

    static Outcome runExports(Instance instance, InterestingValues args) {
        int calls = 0, returned = 0, trapped = 0, broken = 0;
        boolean refuel = instance.export(GeneratedModule.REFUEL_EXPORT).isPresent();
        for (var export : instance.exports()) {
            if (!(export.type() instanceof ExternType.Func(var type)) || export.name().equals(GeneratedModule.REFUEL_EXPORT)) continue;
            if (refuel) instance.call(GeneratedModule.REFUEL_EXPORT, List.<Value>of());
            calls++;
            try {
                instance.call(export.name(), args.arguments(type));
                returned++;
            } catch (EngineException e) {
                trapped++;
            } catch (RuntimeException e) {
                broken++;
            }
        }
        return new Outcome(calls, returned, trapped, broken);
    }
}

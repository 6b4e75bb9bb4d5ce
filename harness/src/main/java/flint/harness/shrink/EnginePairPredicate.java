package flint.harness.shrink;

import flint.harness.engine.Engine;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.ExternType;
import flint.harness.engine.Instance;
import flint.harness.engine.LinkException;
import flint.harness.engine.ModuleException;
import flint.harness.engine.Trap;
import flint.harness.engine.TrapKind;
import flint.harness.engine.UncaughtWasmException;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.FuncType;
import flint.wasm.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A simple differential oracle for {@code flint shrink}: instantiate the module on two engines,
 * call every exported function with zero arguments, and list the differences as signature strings
 * ("export "f": chicory returned, flint trapped (integer divide by zero)"). Values are not part of
 * a signature, so a shrunk module whose results differ by other values still counts as the same
 * divergence. The campaign's oracle ({@code flint.harness.diff}) will be richer (memory, globals,
 * tables, generated arguments, worker processes); this one runs both engines in this JVM.
 *
 * <p>Each run uses new engine objects, so no state leaks from one candidate into the next.
 */
public final class EnginePairPredicate implements AutoCloseable {
    private final String nameA;
    private final Supplier<Engine> a;
    private final String nameB;
    private final Supplier<Engine> b;
    private final Watchdog watchdog;

    public EnginePairPredicate(String nameA, Supplier<Engine> a, String nameB, Supplier<Engine> b, Duration timeout) {
        this.nameA = nameA;
        this.a = a;
        this.nameB = nameB;
        this.b = b;
        this.watchdog = new Watchdog(timeout);
    }

    /** The predicate "running the candidate still shows {@code signature}". */
    public ShrinkPredicate preserving(String signature) {
        return candidate -> divergences(ModuleEncoder.encode(candidate)).contains(signature);
    }

    /** Every difference between the two engines on {@code module}, in order: instantiation, then exports in export order. */
    public List<String> divergences(byte[] module) {
        var differences = new ArrayList<String>();
        var engineA = a.get();
        var engineB = b.get();
        var startA = instantiate(engineA, module);
        var startB = instantiate(engineB, module);
        var outcomeA = startA instanceof Instance ? new Outcome.Returned(List.of()) : (Outcome) startA;
        var outcomeB = startB instanceof Instance ? new Outcome.Returned(List.of()) : (Outcome) startB;
        if (outcomeA.inconclusive() || outcomeB.inconclusive()) return differences;
        if (!Outcome.agree(outcomeA, outcomeB)) differences.add("instantiate: " + describe(outcomeA, outcomeB));
        if (!(startA instanceof Instance instanceA) || !(startB instanceof Instance instanceB)) return differences;
        for (var export : instanceA.exports()) {
            if (!(export.type() instanceof ExternType.Func(FuncType type))) continue;
            var args = type.params().stream().map(Value::zero).toList();
            var x = call(instanceA, export.name(), args);
            var y = call(instanceB, export.name(), args);
            if (x.inconclusive() || y.inconclusive() || Outcome.agree(x, y)) continue;
            differences.add("export \"" + export.name() + "\": " + describe(x, y));
        }
        return differences;
    }

    private String describe(Outcome x, Outcome y) {
        if (x instanceof Outcome.Returned && y instanceof Outcome.Returned) return nameA + " and " + nameB + " returned different results";
        return nameA + " " + x.describe() + ", " + nameB + " " + y.describe();
    }

    /** An {@link Instance}, or the {@link Outcome} that stopped instantiation. */
    private Object instantiate(Engine engine, byte[] module) {
        var thread = Thread.currentThread();
        try {
            return watchdog.run(() -> engine.instantiate(module), thread::interrupt);
        } catch (RuntimeException e) {
            return outcome(e);
        }
    }

    private Outcome call(Instance instance, String name, List<Value> args) {
        try {
            return new Outcome.Returned(watchdog.run(() -> instance.call(name, args), instance::interrupt));
        } catch (RuntimeException e) {
            return outcome(e);
        }
    }

    private static Outcome outcome(RuntimeException e) {
        return switch (e) {
            case Watchdog.TimedOut t -> new Outcome.TimedOut();
            case Trap t when t.kind() == TrapKind.INTERRUPTED -> new Outcome.TimedOut();
            case Trap t -> new Outcome.Trapped(t.kind());
            case UncaughtWasmException u -> new Outcome.Threw();
            case ModuleException m -> new Outcome.Rejected();
            case LinkException l -> new Outcome.Rejected();
            case EngineFailure f -> new Outcome.Failed(f.getMessage());
            // Anything else is an engine crashing in a way it should have wrapped: its bug, not a semantic difference.
            default -> new Outcome.Failed(String.valueOf(e));
        };
    }

    @Override public void close() {
        watchdog.close();
    }
}

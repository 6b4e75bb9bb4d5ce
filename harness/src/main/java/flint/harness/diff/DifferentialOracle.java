package flint.harness.diff;

import flint.harness.Engines;
import flint.harness.engine.Engine;
import flint.harness.engine.ExportDesc;
import flint.harness.engine.ExternType;
import flint.harness.engine.Imports;
import flint.harness.gen.GeneratedImports;
import flint.wasm.binary.ModuleDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Runs one module in lockstep on several engines and compares them after every step. The first
 * engine is the reference (Chicory's interpreter in practice); each other engine is compared with
 * it: instantiation outcome, then for every exported function {@link Config#callsPerExport()} calls
 * with generated arguments (the same on every engine), each call's outcome followed by the state
 * (memory size and bytes, exported globals and tables).
 *
 * <p>The run stops at the first divergence, and at an inconclusive step that leaves the engines in
 * states that can no longer be compared (one ran out of stack, one lacks a feature, one timed out).
 */
public final class DifferentialOracle {

    /**
     * @param callsPerExport calls of each exported function
     * @param timeout per step, after which the engine is interrupted and the step is a hang
     * @param exactNaNs compare NaN bits exactly (for generators that canonicalize NaNs)
     */
    public record Config(int callsPerExport, Duration timeout, boolean exactNaNs, ArgumentSource arguments) {
        public Config {
            if (callsPerExport < 0) throw new IllegalArgumentException("callsPerExport < 0");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(arguments, "arguments");
        }

        public static Config defaults() {
            return new Config(4, Duration.ofSeconds(10), false, new EdgeBiasedArguments());
        }

        public Config withTimeout(Duration timeout) {
            return new Config(callsPerExport, timeout, exactNaNs, arguments);
        }

        public Config withCallsPerExport(int calls) {
            return new Config(calls, timeout, exactNaNs, arguments);
        }
    }

    /** An engine by name, made fresh for every module (engines keep per-store state). */
    public record EngineFactory(String name, Supplier<Engine> create) {}

    private final Config config;
    private final List<EngineFactory> engines;

    public DifferentialOracle(Config config, List<EngineFactory> engines) {
        if (engines.size() < 2) throw new IllegalArgumentException("the oracle needs at least two engines");
        this.config = config;
        this.engines = List.copyOf(engines);
    }

    /** The oracle over engines known to {@link Engines}, by name; the first is the reference. */
    public static DifferentialOracle of(Config config, List<String> names) {
        var factories = names.stream().map(name -> {
            if (Engines.create(name).isEmpty()) {
                throw new IllegalArgumentException("unknown engine '" + name + "'; known engines: " + String.join(", ", Engines.names()));
            }
            return new EngineFactory(name, () -> Engines.create(name).orElseThrow());
        }).toList();
        return new DifferentialOracle(config, factories);
    }

    public List<String> engineNames() {
        return engines.stream().map(EngineFactory::name).toList();
    }

    public Config config() {
        return config;
    }

    /** Runs {@code module}, every export called with arguments drawn from {@code seed}. */
    public Verdict run(byte[] module, long seed) {
        return execute(module, seed, null);
    }

    /** Runs {@code module} with exactly these calls (a replay of a recorded run). */
    public Verdict replay(byte[] module, List<Call> calls) {
        return execute(module, 0, List.copyOf(calls));
    }

    private Verdict execute(byte[] module, long seed, List<Call> plannedCalls) {
        var runners = new ArrayList<EngineRunner>();
        try {
            for (var factory : engines) runners.add(new EngineRunner(factory.create().get(), config.timeout()));
            return new Run(runners).go(module, seed, plannedCalls);
        } finally {
            runners.forEach(EngineRunner::close);
        }
    }

    /** One engine's outcome of a step and its state after it ({@link EngineState#digest()}; null when unreadable). */
    record StepState(Outcome outcome, String state) {}

    /**
     * Each engine's outcome of {@code step} of a replay of {@code calls} (0: instantiation) and its
     * state after it, with no comparison between the engines: for third opinions, which judge an
     * engine's state at one step against a finding's recorded states. An engine that does not get to
     * the step (not instantiated, hung before) is left out. Runs engines in this JVM: only engines
     * whose failures cannot take the JVM down (the reference, Chicory's compiler) belong here.
     */
    static Map<String, StepState> stepStates(Config config, List<String> names, byte[] module, List<Call> calls, int step,
                                             long window) {
        var result = new LinkedHashMap<String, StepState>();
        var imports = hostImports(module);
        for (var name : names) {
            try (var runner = new EngineRunner(Engines.create(name).orElseThrow(
                    () -> new IllegalArgumentException("unknown engine '" + name + "'")), config.timeout())) {
                var outcome = runner.instantiate(module, imports);
                for (int i = 0; i < step && i < calls.size() && !(outcome instanceof Outcome.Hung); i++) {
                    outcome = runner.call(calls.get(i));
                }
                if (step > calls.size() || runner.instance().isEmpty() || outcome instanceof Outcome.Hung
                        || outcome instanceof Outcome.Skipped) {
                    continue;
                }
                String state;
                try {
                    state = runner.state().digest(window);
                } catch (IllegalStateException e) {
                    state = null;
                }
                result.put(name, new StepState(outcome, state));
            }
        }
        return result;
    }

    /**
     * The host functions a module imports from the generators' host module ({@link GeneratedImports}):
     * every engine gets the same deterministic Java functions, so a call through an import is
     * compared like any other. Other imports stay unresolved (a link error every engine agrees on).
     */
    private static Imports hostImports(byte[] module) {
        try {
            return GeneratedImports.forModule(ModuleDecoder.decode(module));
        } catch (RuntimeException malformed) {
            return Imports.NONE; // every engine reports the malformed module itself
        }
    }

    /** One module's run: the bookkeeping of steps, divergences and inconclusive steps. */
    private final class Run {
        final List<EngineRunner> runners;
        final List<Verdict.Step> steps = new ArrayList<>();
        final List<Divergence> divergences = new ArrayList<>();
        final List<Inconclusive> inconclusive = new ArrayList<>();
        final List<Call> callsSoFar = new ArrayList<>();
        boolean stop;

        Run(List<EngineRunner> runners) {
            this.runners = runners;
        }

        Verdict go(byte[] module, long seed, List<Call> plannedCalls) {
            var outcomes = new LinkedHashMap<String, Outcome>();
            var imports = hostImports(module);
            for (var runner : runners) outcomes.put(runner.name(), runner.instantiate(module, imports));
            record(0, null, outcomes, Comparison::instantiation);
            if (!stop && !(outcomes.values().iterator().next() instanceof Outcome.Instantiated)) stop = true; // all agree it failed
            if (!stop) checkExports();
            if (!stop) checkState(0, null);
            var calls = plannedCalls != null ? plannedCalls : plan(seed);
            for (var call : calls) {
                if (stop) break;
                callsSoFar.add(call);
                int step = steps.size();
                var callOutcomes = new LinkedHashMap<String, Outcome>();
                for (var runner : runners) callOutcomes.put(runner.name(), runner.call(call));
                record(step, call, callOutcomes, (a, b) -> Comparison.call(a, b, config.exactNaNs()));
                if (!stop) checkState(step, call);
            }
            return new Verdict(engineNames(), steps, divergences, inconclusive);
        }

        /** Every exported function of the reference, {@code callsPerExport} times each, in export order. */
        private List<Call> plan(long seed) {
            var calls = new ArrayList<Call>();
            var reference = runners.getFirst().instance().orElse(null);
            if (reference == null) return calls;
            for (var export : reference.exports()) {
                if (!(export.type() instanceof ExternType.Func(var type))) continue;
                for (int k = 0; k < config.callsPerExport(); k++) {
                    // seeded per (export, k), so a shrunk module with fewer exports keeps these arguments
                    var random = new SplittableRandom(mix(seed, export.name(), k));
                    calls.add(new Call(export.name(), config.arguments().arguments(type, random)));
                }
            }
            return calls;
        }

        private void record(int step, Call call, Map<String, Outcome> outcomes,
                            java.util.function.BiFunction<Outcome, Outcome, Comparison> compare) {
            steps.add(new Verdict.Step(step, call, outcomes));
            var refName = runners.getFirst().name();
            var ref = outcomes.get(refName);
            for (var runner : runners.subList(1, runners.size())) {
                var other = outcomes.get(runner.name());
                switch (compare.apply(ref, other)) {
                    case Comparison.Agree a -> {}
                    case Comparison.Diverge(var kind, var detail) -> diverge(kind, step, call, pair(refName, ref, runner.name(), other), detail);
                    case Comparison.Unclear(var reason, var detail) -> unclear(reason, step, call, pair(refName, ref, runner.name(), other), detail);
                }
            }
        }

        /** Export lists must match before calls can: a missing export is an instantiation divergence. */
        private void checkExports() {
            var reference = runners.getFirst();
            var expected = reference.instance().orElseThrow().exports().stream().map(ExportDesc::name).toList();
            for (var runner : runners.subList(1, runners.size())) {
                var actual = runner.instance().orElseThrow().exports().stream().map(ExportDesc::name).toList();
                if (!expected.equals(actual)) {
                    diverge(new DivergenceKind.Instantiation(), 0, null, steps.getFirst().outcomes(),
                            "exports differ: " + expected + " vs " + actual);
                }
            }
        }

        private void checkState(int step, Call call) {
            var reference = runners.getFirst();
            if (reference.instance().isEmpty()) return;
            EngineState refState;
            try {
                refState = reference.state();
            } catch (IllegalStateException e) {
                unclear(Inconclusive.Reason.REFERENCE_FAILURE, step, call, steps.getLast().outcomes(), e.getMessage());
                return;
            }
            for (var runner : runners.subList(1, runners.size())) {
                if (runner.instance().isEmpty()) continue;
                var outcomes = pair(reference.name(), steps.getLast().outcomes().get(reference.name()),
                        runner.name(), steps.getLast().outcomes().get(runner.name()));
                EngineState state;
                try {
                    state = runner.state();
                } catch (IllegalStateException e) {
                    diverge(new DivergenceKind.EngineError(), step, call, outcomes, e.getMessage());
                    continue;
                }
                switch (Comparison.state(refState, state, config.exactNaNs())) {
                    case Comparison.Agree a -> {}
                    case Comparison.Diverge(var kind, var detail) -> {
                        // each engine's state, so that an outside engine can be judged later without a rerun
                        var states = new LinkedHashMap<String, String>();
                        long window = kind instanceof DivergenceKind.Memory(long offset, int length) ? EngineState.windowStart(offset) : -1;
                        states.put(reference.name(), refState.digest(window));
                        states.put(runner.name(), state.digest(window));
                        divergences.add(new Divergence(kind, step, call, callsSoFar, outcomes, detail, states));
                        stop = true;
                    }
                    case Comparison.Unclear(var reason, var detail) -> unclear(reason, step, call, outcomes, detail);
                }
            }
        }

        private void diverge(DivergenceKind kind, int step, Call call, Map<String, Outcome> outcomes, String detail) {
            divergences.add(new Divergence(kind, step, call, callsSoFar, outcomes, detail));
            stop = true;
        }

        private void unclear(Inconclusive.Reason reason, int step, Call call, Map<String, Outcome> outcomes, String detail) {
            inconclusive.add(new Inconclusive(reason, step, call, outcomes, detail));
            // NaN payloads leave both engines running comparably; anything else does not
            if (reason != Inconclusive.Reason.NAN_PAYLOAD) stop = true;
        }
    }

    private static Map<String, Outcome> pair(String a, Outcome x, String b, Outcome y) {
        var map = new LinkedHashMap<String, Outcome>();
        map.put(a, x);
        map.put(b, y);
        return map;
    }

    /** A seed for one call, from the run's seed, the export's name and the call's number. */
    static long mix(long seed, String export, int k) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < export.length(); i++) h = (h ^ export.charAt(i)) * 0x100000001B3L;
        h ^= k * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        return h * 0xBF58476D1CE4E5B9L;
    }
}

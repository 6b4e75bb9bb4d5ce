package flint.harness.bench;

import flint.compiler.NativeCompiler;
import flint.harness.engine.Engine;
import flint.harness.engine.EngineException;
import flint.harness.engine.Instance;
import flint.harness.engine.chicory.ChicoryCompilerEngine;
import flint.harness.engine.chicory.ChicoryEngine;
import flint.harness.engine.flint.FlintEngine;
import flint.harness.engine.frontend.FrontEndEngine;
import flint.runtime.NativeModule;
import flint.wasm.value.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An engine of the harness ({@link Engine}) run in this JVM. Compile time is measured by a probe
 * that does what the engine does before code can run, after as many untimed compiles of the same
 * module as there are warm-up calls (the compilers are Java code: the figure is their steady
 * state, not the JVM's start-up). Instances used for execution time are kept warm across samples,
 * because Chicory's compiler makes new classes per instance and the JIT would otherwise start cold
 * every time.
 */
public final class JvmBenchEngine implements BenchEngine {

    /** Module bytes to ready-to-run code, without instantiating when the engine allows that. */
    @FunctionalInterface
    interface CompileProbe {
        void compile(byte[] bytes);
    }

    private final String name;
    private final Engine engine;
    private final CompileProbe probe;
    private final Set<Workload> workloads;
    private final String description;
    private final Map<String, Instance> warm = new HashMap<>();

    JvmBenchEngine(String name, Engine engine, CompileProbe probe, Set<Workload> workloads, String description) {
        this.name = name;
        this.engine = engine;
        this.probe = probe;
        this.workloads = Set.copyOf(workloads);
        this.description = description;
    }

    /** Flint: decode, validate, compile to x86-64 and load into executable memory (linked). */
    static JvmBenchEngine flint() {
        return new JvmBenchEngine(FlintEngine.NAME, new FlintEngine(NativeCompiler::compile), bytes -> {
            var module = FrontEndEngine.decode(bytes); // the compiler validates as it converts
            NativeModule.load(NativeCompiler.compile(module)).close();
        }, Set.of(Workload.FULL, Workload.SMALL), "Flint native x86-64 compiler (single thread)");
    }

    /** Chicory's interpreter: no compile step, so parse + validate + instantiate. Small workload only. */
    static JvmBenchEngine chicory() {
        var engine = new ChicoryEngine();
        return new JvmBenchEngine(ChicoryEngine.NAME, engine, engine::instantiate, Set.of(Workload.SMALL),
                "Chicory interpreter " + chicoryVersion() + " (small workload only)");
    }

    /** Chicory's JVM-bytecode compiler, which compiles when it instantiates. */
    static JvmBenchEngine chicoryCompiler() {
        var engine = new ChicoryCompilerEngine();
        return new JvmBenchEngine(ChicoryCompilerEngine.NAME, engine, engine::instantiate,
                Set.of(Workload.FULL, Workload.SMALL), "Chicory JVM-bytecode compiler " + chicoryVersion()
                + " (compile time excludes the JIT)");
    }

    /** Chicory's jar has no Implementation-Version; Maven's pom.properties inside it has the version. */
    private static String chicoryVersion() {
        try (var in = com.dylibso.chicory.runtime.Instance.class.getResourceAsStream(
                "/META-INF/maven/com.dylibso.chicory/runtime/pom.properties")) {
            if (in == null) return "(version unknown)";
            var properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version", "(version unknown)");
        } catch (java.io.IOException e) {
            return "(version unknown)";
        }
    }

    @Override public String name() {
        return name;
    }

    @Override public Set<Workload> workloads() {
        return workloads;
    }

    @Override public String describe() {
        return description + ", JVM " + Runtime.version();
    }

    @Override public Sample sample(BenchProgram program, Workload workload, int warmup) throws BenchFailure {
        var key = program.name() + "/" + workload;
        try {
            if (!warm.containsKey(key)) {
                // the compiler is Java code too: time it after the JIT has seen this module
                for (int i = 0; i < warmup; i++) probe.compile(program.bytes());
            }
            long start = System.nanoTime();
            probe.compile(program.bytes());
            long compiled = System.nanoTime();

            long firstStart = System.nanoTime();
            var fresh = engine.instantiate(program.bytes());
            int first = call(fresh, workload);
            long firstDone = System.nanoTime();

            var hot = warm.get(key);
            if (hot == null) {
                hot = fresh;
                for (int i = 0; i < warmup; i++) call(hot, workload);
                warm.put(key, hot);
            }
            long execStart = System.nanoTime();
            int result = call(hot, workload);
            long execDone = System.nanoTime();
            if (result != first) {
                throw new BenchFailure(false, "checksum changed between calls: " + first + " then " + result, null);
            }
            return new Sample(millis(compiled - start), millis(firstDone - firstStart), millis(execDone - execStart), result);
        } catch (EngineException | UnsupportedOperationException | IllegalStateException e) {
            throw new BenchFailure(BenchFailure.meansNotSupported(e), e.getMessage(), e);
        } catch (RuntimeException e) {
            // the probe calls the compiler directly: its refusals are not translated into EngineFailure
            throw new BenchFailure(BenchFailure.meansNotSupported(e), e.toString(), e);
        }
    }

    private static int call(Instance instance, Workload workload) {
        var results = instance.call(workload.export(), List.of());
        if (results.size() != 1 || !(results.getFirst() instanceof Value.I32(int checksum))) {
            throw new IllegalStateException(workload.export() + " returned " + results + ", not one i32");
        }
        return checksum;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}

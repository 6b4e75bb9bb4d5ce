package flint.harness;

import flint.harness.engine.Engine;
import flint.harness.engine.chicory.ChicoryCompilerEngine;
import flint.harness.engine.chicory.ChicoryEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The engines the harness can run, by the name used on the command line. */
public final class Engines {
    private Engines() {}

    /**
     * The engine used when none is named: Flint's native engine, the one under test. What it
     * does not support yet fails with a message that names the feature and the engine to use
     * instead ({@link #UNSUPPORTED_HINT}).
     */
    public static final String DEFAULT = flint.harness.engine.flint.FlintEngine.NAME;

    /** Appended to failures of features an engine does not support yet. */
    public static final String UNSUPPORTED_HINT = "; run it on the reference interpreter with --engine "
            + ChicoryEngine.NAME;

    private static final Map<String, Supplier<Engine>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put(ChicoryEngine.NAME, ChicoryEngine::new);
        FACTORIES.put(ChicoryCompilerEngine.NAME, ChicoryCompilerEngine::new);
        FACTORIES.put(flint.harness.engine.microwasm.MicrowasmEngine.NAME, flint.harness.engine.microwasm.MicrowasmEngine::new);
        // -Dflint.seededBugs=... miscompiles on purpose, for measuring the harness (flint fuzz --seeded-bug)
        FACTORIES.put(flint.harness.engine.flint.FlintEngine.NAME, () -> {
            var bugs = flint.compiler.SeededBug.fromProperty();
            return new flint.harness.engine.flint.FlintEngine(bugs.isEmpty() ? flint.compiler.NativeCompiler::compile
                    : module -> flint.compiler.NativeCompiler.compile(module, null, bugs));
        });
    }

    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** A new engine object named {@code name}; each has its own instances and reference tables. */
    public static Optional<Engine> create(String name) {
        return Optional.ofNullable(FACTORIES.get(name)).map(Supplier::get);
    }
}

package flint.harness.gen;

import flint.harness.engine.Engine;
import flint.harness.engine.Imports;
import flint.harness.engine.Instance;
import java.util.ArrayList;
import java.util.List;

/**
 * Several generated modules that link: module {@code i} may import functions, the memory, a table
 * and globals exported by modules before it, under the names they are registered with.
 */
public record GeneratedProgram(List<Named> modules) {
    public GeneratedProgram {
        modules = List.copyOf(modules);
    }

    /** A module and the name later modules import it by (the spec testsuite's {@code register}). */
    public record Named(String name, GeneratedModule module) {}

    /** Instantiates every module in order on {@code engine}, registering each for the next. */
    public List<Instance> instantiate(Engine engine) {
        var instances = new ArrayList<Instance>();
        var registered = Imports.builder();
        for (var named : modules) {
            var imports = GeneratedImports.addTo(registered.build().toBuilder(), named.module().module()).build();
            var instance = engine.instantiate(named.module().bytes(), imports);
            instances.add(instance);
            registered.register(named.name(), instance);
        }
        return instances;
    }
}

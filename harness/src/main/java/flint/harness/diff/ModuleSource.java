package flint.harness.diff;

import java.util.Map;

/**
 * Where a campaign's modules come from: a seed in, a module out, the same module for the same seed.
 * The random-module generators plug in here; {@link CorpusModuleSource} stands in until they do.
 */
@FunctionalInterface
public interface ModuleSource {

    /** A module and how it was made. */
    record GeneratedModule(byte[] bytes, String description, Map<String, String> config) {
        public GeneratedModule {
            config = Map.copyOf(config);
        }
    }

    GeneratedModule module(long seed);
}

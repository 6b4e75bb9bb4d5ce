package flint.harness.diff;

import flint.harness.gen.Feature;
import flint.harness.gen.GenConfig;
import flint.harness.gen.ModuleGenerator;
import java.util.Map;
import java.util.Set;

/**
 * A campaign's modules from the random-module generator ({@link ModuleGenerator}): the seed alone
 * gives the module, and the finding records the seed and the features to regenerate it with
 * {@code flint gen --seed S --features F}.
 */
public final class GeneratorModuleSource implements ModuleSource {

    private final GenConfig config;
    private final String features;

    /** @param features the generator's feature list as {@code flint gen --features} takes it ("default" if blank) */
    public GeneratorModuleSource(String features) {
        this.features = features == null || features.isBlank() ? "default" : features;
        Set<Feature> parsed = Feature.parse(this.features);
        this.config = GenConfig.of(parsed);
    }

    @Override
    public GeneratedModule module(long seed) {
        var generated = ModuleGenerator.generate(seed, config);
        return new GeneratedModule(generated.bytes(), "flint gen --seed " + seed + " --features " + features,
                Map.of("generator", "flint gen", "seed", Long.toString(seed), "features", features));
    }
}

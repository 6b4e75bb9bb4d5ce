package flint.harness.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

/**
 * The acceptance tests of the generators: everything they make validates under Flint's validator
 * and Chicory's, and instantiates on Chicory. The full 10,000-seed run is
 * {@code flint gen --check 10000}; here 1,000 seeds keep {@code mvn verify} short.
 */
class GeneratorValidityTest {
    private final ModuleCheck check = new ModuleCheck();

    @Test void thousandSeededModulesValidateAndInstantiate() {
        var report = GenCheck.run(GenMode.MODULE, GenConfig.defaults(), 0, 1000, null);
        assertEquals(java.util.List.of(), report.rejections());
    }

    @Test void swarmMvpAndTailCallModulesValidateAndInstantiate() {
        assertEquals(java.util.List.of(), GenCheck.run(GenMode.MODULE, GenConfig.defaults().withSwarm(true), 50_000, 100, null).rejections());
        assertEquals(java.util.List.of(), GenCheck.run(GenMode.MODULE, GenConfig.of(Set.of(Feature.MVP)), 60_000, 100, null).rejections());
        assertEquals(java.util.List.of(), GenCheck.run(GenMode.MODULE, GenConfig.of(Feature.parse("all,-simd")), 70_000, 100, null).rejections());
    }

    @Test void simdModulesValidate() {
        // Chicory does not implement SIMD: Flint's validator only.
        var config = GenConfig.of(Feature.all());
        assertFalse(ModuleCheck.engineSupports(config));
        assertEquals(java.util.List.of(), GenCheck.run(GenMode.MODULE, config, 80_000, 200, null).rejections());
    }

    @Test void linkedProgramsLinkAndInstantiate() {
        var report = GenCheck.run(GenMode.LINKED, GenConfig.defaults(), 90_000, 80, null);
        assertEquals(java.util.List.of(), report.rejections());
        var program = GenMode.LINKED.generate(90_001, GenConfig.defaults());
        assertTrue(program.modules().size() >= 2 && program.modules().size() <= 3);
    }

    @Test void singleInstructionModulesValidate() {
        for (var config : java.util.List.of(GenConfig.defaults(), GenConfig.of(Feature.all()))) {
            var program = GenMode.SINGLE_INSTRUCTION.generate(5, config);
            assertNull(check.check(program, ModuleCheck.engineSupports(config)));
            var module = program.modules().getFirst().module().module();
            var names = module.exports().stream().map(e -> e.name()).toList();
            assertTrue(names.containsAll(java.util.List.of("i32.add", "f64.sqrt", "i64.load32_u")), names::toString);
        }
    }

    @Test void mutantsOfTheCorpusSamplesValidate() throws Exception {
        var samples = Path.of(System.getProperty("user.dir")).resolveSibling("corpus").resolve("samples");
        try (var files = Files.list(samples)) {
            for (var file : files.filter(f -> f.toString().endsWith(".wasm")).toList()) {
                var bytes = Files.readAllBytes(file);
                for (long seed = 0; seed < 20; seed++) {
                    var mutant = new Mutator(new SeededEntropy(seed), GenConfig.defaults()).mutate(bytes, 10);
                    assertNull(check.check(mutant, false), file + " seed " + seed);
                }
            }
        }
    }

    @Test void theSeedAloneReproducesTheModule() {
        for (long seed = 0; seed < 20; seed++) {
            var a = ModuleGenerator.generate(seed, GenConfig.defaults());
            var b = ModuleGenerator.generate(seed, GenConfig.defaults());
            assertArrayEquals(a.bytes(), b.bytes());
        }
        assertFalse(java.util.Arrays.equals(ModuleGenerator.generate(1, GenConfig.defaults()).bytes(),
                ModuleGenerator.generate(2, GenConfig.defaults()).bytes()));
    }

    @Property(tries = 150)
    void modulesFromJqwikBytesValidateAndInstantiate(@ForAll("modules") GeneratedModule module) {
        assertNull(check.check(module, true));
    }

    @Provide Arbitrary<GeneratedModule> modules() {
        return GenArbitraries.modules(GenConfig.defaults());
    }

    @Property(tries = 100)
    void modulesFromAnySeedValidate(@ForAll long seed, @ForAll boolean swarm) {
        var module = ModuleGenerator.generate(seed, GenConfig.defaults().withSwarm(swarm));
        assertNull(check.check(module, true));
    }
}

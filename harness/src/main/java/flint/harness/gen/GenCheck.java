package flint.harness.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Generates many programs from consecutive seeds and checks each with {@link ModuleCheck}: the
 * acceptance run behind {@code flint gen --check N} and the generator tests.
 */
public final class GenCheck {
    private GenCheck() {}

    /** @param rejections one line per rejected seed: the seed and why */
    public record Report(int programs, long bytes, List<String> rejections, double seconds) {}

    public static Report run(GenMode mode, GenConfig config, long firstSeed, int count, Consumer<String> progress) {
        var check = new ModuleCheck();
        boolean onEngine = ModuleCheck.engineSupports(config);
        var rejections = new ArrayList<String>();
        long start = System.nanoTime(), bytes = 0;
        for (int i = 0; i < count; i++) {
            long seed = firstSeed + i;
            ModuleCheck.Rejection rejection;
            try {
                var program = mode.generate(seed, config);
                for (var m : program.modules()) bytes += m.module().size();
                rejection = check.check(program, onEngine);
            } catch (RuntimeException e) {
                rejection = new ModuleCheck.Rejection("generator", e.toString());
            }
            if (rejection != null) rejections.add("seed " + seed + ": " + rejection);
            if (progress != null && (i + 1) % 1000 == 0) progress.accept((i + 1) + " checked, " + rejections.size() + " rejected");
        }
        return new Report(count, bytes, rejections, (System.nanoTime() - start) / 1e9);
    }
}

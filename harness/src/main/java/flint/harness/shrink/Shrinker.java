package flint.harness.shrink;

import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.Validator;
import java.util.Arrays;
import java.util.List;

/**
 * Structure-aware delta debugging of a module: runs the passes in rounds until a round changes
 * nothing (a fixed point) or the budget is spent. Every candidate is validated before the
 * predicate sees it, so the result is valid and still satisfies the predicate. The order of passes
 * goes from coarse to fine: exports and whole functions first (each one removes much code for a
 * single attempt), then bodies, then literals and the declarations bodies no longer use.
 */
public final class Shrinker {
    private static final List<ShrinkPass> PASSES = List.of(
            new CustomSectionPass(), new ExportPass(), new FunctionStubPass(), new CompactionPass(), new BodyPass(),
            new ConstantPass(), new LocalPass(), new GlobalPass(), new SegmentPass(), new LimitsPass(),
            new CompactionPass(), new TypePass());

    private Shrinker() {}

    /**
     * A pass only ever returns modules that passed {@link Candidates#test}, so if one breaks on an
     * input it did not expect (an instruction its model lacks, say) the module it had is still good:
     * the shrink goes on with the other passes rather than losing all progress.
     */
    private static WasmModule run(ShrinkPass pass, WasmModule module, Candidates candidates) {
        try {
            return pass.run(module, candidates);
        } catch (RuntimeException e) {
            candidates.passFailed(pass.name() + ": " + e);
            return module;
        }
    }

    /**
     * Shrinks {@code module} while {@code predicate} holds.
     *
     * @throws flint.wasm.validate.InvalidModuleException if the module is not valid
     * @throws IllegalArgumentException if the predicate does not hold for the module itself
     */
    public static ShrinkReport shrink(WasmModule module, ShrinkPredicate predicate, ShrinkBudget budget) {
        Validator.validate(module);
        if (!predicate.test(module)) throw new IllegalArgumentException("the predicate does not hold for the original module");
        var before = ModuleSize.of(module);
        var candidates = new Candidates(predicate, budget);
        int rounds = 0;
        byte[] last = ModuleEncoder.encode(module);
        while (!candidates.exhausted()) {
            rounds++;
            for (var pass : PASSES) {
                if (candidates.exhausted()) break;
                module = run(pass, module, candidates);
            }
            byte[] now = ModuleEncoder.encode(module);
            if (Arrays.equals(now, last)) break;
            last = now;
        }
        return new ShrinkReport(module, before, ModuleSize.of(module), candidates.attempts(), candidates.valid(),
                candidates.accepted(), rounds, candidates.elapsed(), candidates.exhausted(), candidates.passFailures());
    }
}

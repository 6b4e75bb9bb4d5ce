package flint.harness.shrink;

import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.Validator;
import java.util.Arrays;
import java.util.List;

/**
 * Structure-aware delta debugging of a module and the calls that exercise it: runs the passes in
 * rounds until a round changes nothing (a fixed point) or the budget is spent. Every candidate is
 * validated before the predicate sees it, so the result is valid and still satisfies the
 * predicate. The order of passes goes from coarse to fine: exports, calls and whole functions
 * first (each one removes much code for a single attempt), then bodies, then signatures (results,
 * parameters, block types), then literals, arguments and the declarations bodies no longer use.
 */
public final class Shrinker {
    private static final List<ShrinkPass> PASSES = List.of(
            new CustomSectionPass(), new ExportPass(), CallPass.DROP_CALLS, new FunctionStubPass(), new CompactionPass(),
            new BodyPass(), new InlinePass(), new ResultPass(), new ParamPass(), new BlockTypePass(), new LocalForwardPass(),
            new ConstantPass(), CallPass.SIMPLIFY_ARGUMENTS,
            new LocalPass(), new GlobalPass(), new SegmentPass(), new LimitsPass(), new CompactionPass(), new ImportPass(),
            new TypePass());

    private Shrinker() {}

    /**
     * A pass only ever returns subjects whose module passed {@link Candidates#test}, so if one
     * breaks on an input it did not expect (an instruction its model lacks, say) the subject it had
     * is still good: the shrink goes on with the other passes rather than losing all progress.
     */
    private static ShrinkSubject run(ShrinkPass pass, ShrinkSubject subject, Candidates candidates) {
        try {
            return pass.run(subject, candidates);
        } catch (RuntimeException e) {
            candidates.passFailed(pass.name() + ": " + e);
            return subject;
        }
    }

    /**
     * Shrinks {@code module} while {@code predicate} holds.
     *
     * @throws flint.wasm.validate.InvalidModuleException if the module is not valid
     * @throws IllegalArgumentException if the predicate does not hold for the module itself
     */
    public static ShrinkReport shrink(WasmModule module, ShrinkPredicate predicate, ShrinkBudget budget) {
        return shrink(ShrinkSubject.of(module), candidate -> predicate.test(candidate.module()), budget);
    }

    /**
     * Shrinks {@code subject}, the module and its calls, while {@code predicate} holds.
     *
     * @throws flint.wasm.validate.InvalidModuleException if the module is not valid
     * @throws IllegalArgumentException if the predicate does not hold for the subject itself
     */
    public static ShrinkReport shrink(ShrinkSubject subject, ReplayPredicate predicate, ShrinkBudget budget) {
        Validator.validate(subject.module());
        if (!predicate.test(subject)) throw new IllegalArgumentException("the predicate does not hold for the original module");
        var before = ModuleSize.of(subject.module());
        var candidates = new Candidates(predicate, budget);
        int rounds = 0;
        byte[] last = ModuleEncoder.encode(subject.module());
        var lastCalls = subject.calls();
        while (!candidates.exhausted()) {
            rounds++;
            for (var pass : PASSES) {
                if (candidates.exhausted()) break;
                subject = run(pass, subject, candidates);
            }
            byte[] now = ModuleEncoder.encode(subject.module());
            if (Arrays.equals(now, last) && subject.calls().equals(lastCalls)) break;
            last = now;
            lastCalls = subject.calls();
        }
        return new ShrinkReport(subject.module(), subject.calls(), before, ModuleSize.of(subject.module()),
                candidates.attempts(), candidates.valid(), candidates.accepted(), rounds, candidates.elapsed(),
                candidates.exhausted(), candidates.passFailures());
    }
}

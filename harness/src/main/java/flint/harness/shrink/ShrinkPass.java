package flint.harness.shrink;

import flint.wasm.model.WasmModule;

/**
 * One kind of reduction. A pass takes a valid, interesting subject and returns one that is
 * valid, interesting and no larger (the input itself when nothing worked). Every candidate goes
 * through {@link Candidates#test}; a pass stops early when the budget is spent.
 */
sealed interface ShrinkPass permits ShrinkPass.OnModule, ExportPass, ParamPass, CallPass {

    String name();

    ShrinkSubject run(ShrinkSubject subject, Candidates candidates);

    /** A pass that edits the module only: every candidate is tested with the subject's calls as they are. */
    sealed interface OnModule extends ShrinkPass permits CustomSectionPass, FunctionStubPass, CompactionPass, BodyPass,
            ConstantPass, LocalPass, GlobalPass, SegmentPass, LimitsPass, TypePass, ResultPass, BlockTypePass, ImportPass,
            InlinePass, LocalForwardPass {

        WasmModule run(WasmModule module, Candidates candidates);

        @Override default ShrinkSubject run(ShrinkSubject subject, Candidates candidates) {
            return subject.withModule(run(subject.module(), candidates.replaying(subject.calls())));
        }
    }
}

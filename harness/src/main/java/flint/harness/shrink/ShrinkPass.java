package flint.harness.shrink;

import flint.wasm.model.WasmModule;

/**
 * One kind of reduction. A pass takes a valid, interesting module and returns a module that is
 * valid, interesting and no larger (the input itself when nothing worked). Every candidate goes
 * through {@link Candidates#test}; a pass stops early when the budget is spent.
 */
sealed interface ShrinkPass permits CustomSectionPass, ExportPass, FunctionStubPass, CompactionPass, BodyPass,
        ConstantPass, LocalPass, GlobalPass, SegmentPass, LimitsPass, TypePass {

    String name();

    WasmModule run(WasmModule module, Candidates candidates);
}

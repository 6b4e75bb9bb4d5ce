package flint.harness.shrink;

import flint.wasm.model.WasmModule;

/** Drops custom sections (names and the like): they go stale as soon as indices are renumbered. */
record CustomSectionPass() implements ShrinkPass.OnModule {
    @Override public String name() { return "custom sections"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        if (module.customs().isEmpty()) return module;
        var candidate = Modules.withoutCustoms(module);
        return candidates.test(candidate) ? candidate : module;
    }
}

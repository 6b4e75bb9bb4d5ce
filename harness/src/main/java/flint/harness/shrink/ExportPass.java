package flint.harness.shrink;

import flint.wasm.model.WasmModule;
import java.util.List;
import java.util.stream.IntStream;

/** Drops exports: each one is a call the predicate's oracle makes, and a root that keeps code alive. */
record ExportPass() implements ShrinkPass {
    @Override public String name() { return "exports"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        List<Integer> positions = IntStream.range(0, module.exports().size()).boxed().toList();
        return Chunks.apply(module, positions,
                drop -> Modules.withExports(module, Modules.without(module.exports(), drop)), candidates);
    }
}

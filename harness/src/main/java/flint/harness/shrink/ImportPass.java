package flint.harness.shrink;

import flint.wasm.model.ImportDesc;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * Drops imported functions and globals that nothing refers to any more (a reference still there
 * makes the renumbering dangle, which rejects the candidate without an attempt). Imports of the
 * generator's host module are noise in a reproducer once the code calling them is gone.
 */
record ImportPass() implements ShrinkPass.OnModule {
    @Override public String name() { return "imports"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        module = drop(module, Renumber.Space.FUNC, candidates);
        return drop(module, Renumber.Space.GLOBAL, candidates);
    }

    private static WasmModule drop(WasmModule module, Renumber.Space space, Candidates candidates) {
        var positions = new ArrayList<Integer>(); // positions in the import list
        for (int i = 0; i < module.imports().size(); i++) if (kind(module, i) == space) positions.add(i);
        if (positions.isEmpty()) return module;
        int size = space == Renumber.Space.FUNC ? module.importedFunctionCount() + module.functions().size()
                : module.importedGlobalCount() + module.globals().size();
        return Chunks.apply(module, positions, drop -> {
            var indices = new HashSet<Integer>(); // the dropped imports' indices in their space
            for (int i : drop) indices.add(indexInSpace(module, i, space));
            var smaller = withImports(module, drop);
            return Renumber.module(smaller, space, Renumber.closingGaps(size, indices));
        }, candidates);
    }

    private static Renumber.Space kind(WasmModule module, int i) {
        return switch (module.imports().get(i).desc()) {
            case ImportDesc.Func f -> Renumber.Space.FUNC;
            case ImportDesc.Global g -> Renumber.Space.GLOBAL;
            default -> null;
        };
    }

    /** The index of import {@code i} among the imports of its kind, which come first in its index space. */
    private static int indexInSpace(WasmModule module, int i, Renumber.Space space) {
        int index = 0;
        for (int j = 0; j < i; j++) if (kind(module, j) == space) index++;
        return index;
    }

    private static WasmModule withImports(WasmModule m, Set<Integer> drop) {
        return new WasmModule(m.types(), Modules.without(m.imports(), drop), m.functions(), m.tables(), m.memories(), m.tags(),
                m.globals(), m.exports(), m.start(), m.elements(), m.dataCount(), m.codes(), m.data(), m.customs());
    }
}

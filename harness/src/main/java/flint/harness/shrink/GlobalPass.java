package flint.harness.shrink;

import flint.wasm.model.ConstExpr;
import flint.wasm.model.Global;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Drops defined globals (a global still referenced makes the renumbering fail, which rejects the
 * candidate before any attempt) and simplifies the constant initializers of the rest to zero.
 */
record GlobalPass() implements ShrinkPass.OnModule {
    @Override public String name() { return "globals"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        int imported = module.importedGlobalCount();
        int total = imported + module.globals().size();
        List<Integer> defined = IntStream.range(imported, total).boxed().toList();
        var current = module;
        current = Chunks.apply(current, defined, drop -> {
            var positions = new HashSet<Integer>();
            for (int g : drop) positions.add(g - imported);
            var smaller = Modules.withGlobals(module, Modules.without(module.globals(), positions));
            return Renumber.module(smaller, Renumber.Space.GLOBAL, Renumber.closingGaps(total, drop));
        }, candidates);
        return zeroInitializers(current, candidates);
    }

    private static WasmModule zeroInitializers(WasmModule module, Candidates candidates) {
        var positions = new ArrayList<Integer>();
        for (int i = 0; i < module.globals().size(); i++) {
            var init = module.globals().get(i).init().instructions();
            if (init.size() == 1 && Constants.isConstant(init.getFirst()) && !init.getFirst().equals(Constants.zeroLike(init.getFirst()))
                    && Constants.zeroLike(init.getFirst()) != null) {
                positions.add(i);
            }
        }
        return Chunks.apply(module, positions, set -> {
            var globals = new ArrayList<>(module.globals());
            for (int i : set) {
                var g = globals.get(i);
                globals.set(i, new Global(g.type(), ConstExpr.of(Constants.zeroLike(g.init().instructions().getFirst()))));
            }
            return Modules.withGlobals(module, globals);
        }, candidates);
    }
}

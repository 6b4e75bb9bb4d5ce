package flint.harness.shrink;

import flint.wasm.model.Immediate;
import flint.wasm.model.Instruction;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * Drops declared locals that no instruction mentions any more (earlier passes deleted their uses)
 * and renumbers the rest. Harmless to semantics, but a reproducer with forty unused locals hides
 * the three that matter.
 */
record LocalPass() implements ShrinkPass.OnModule {
    @Override public String name() { return "locals"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        var codes = Modules.codes(module);
        var withUnused = new ArrayList<Integer>();
        for (int p = 0; p < codes.size(); p++) if (!unused(module, p, codes.get(p)).isEmpty()) withUnused.add(p);
        return Chunks.apply(module, withUnused, set -> {
            var edited = new ArrayList<>(codes);
            for (int p : set) edited.set(p, withoutUnused(module, p, codes.get(p)));
            return Modules.withCodeList(module, edited);
        }, candidates);
    }

    /** The unused declared locals of defined function {@code p}, as local indices (parameters first). */
    private static Set<Integer> unused(WasmModule module, int p, Code code) {
        int params = params(module, p);
        var used = new HashSet<Integer>();
        for (var insn : code.instructions()) {
            if (insn instanceof Instruction.Indexed x && x.opcode().immediate() == Immediate.LOCAL) used.add(x.index());
        }
        var unused = new HashSet<Integer>();
        for (int i = 0; i < code.locals().size(); i++) if (!used.contains(params + i)) unused.add(params + i);
        return unused;
    }

    private static Code withoutUnused(WasmModule module, int p, Code code) {
        int params = params(module, p);
        var drop = unused(module, p, code);
        var declared = new HashSet<Integer>();
        for (int i : drop) declared.add(i - params);
        var locals = Modules.without(code.locals(), declared);
        var map = Renumber.closingGaps(params + code.locals().size(), drop);
        return new Code(locals, Renumber.instructions(code.instructions(), Renumber.Space.LOCAL, map));
    }

    private static int params(WasmModule module, int p) {
        return module.types().get(module.functions().get(p)).params().size();
    }
}

package flint.harness.shrink;

import flint.wasm.model.Instruction;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Simplifies literals in bodies towards 0, then towards 1 (0.0 and 1.0 for floats): a reproducer
 * reads best when only the constants that matter are odd. Module-wide, in chunks, so that a module
 * full of irrelevant constants takes a few attempts.
 */
record ConstantPass() implements ShrinkPass.OnModule {

    /** Set the constant at instruction {@code k} of defined function {@code p} to {@code value}. */
    record Literal(int p, int k, Instruction value) {}

    @Override public String name() { return "constants"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        module = simplify(module, Constants::zeroLike, candidates);
        return simplify(module, Constants::one, candidates);
    }

    private static WasmModule simplify(WasmModule module, Function<Instruction, Instruction> towards, Candidates candidates) {
        var codes = Modules.codes(module);
        var edits = new ArrayList<Literal>();
        for (int p = 0; p < codes.size(); p++) {
            var list = codes.get(p).instructions();
            for (int k = 0; k < list.size(); k++) {
                var insn = list.get(k);
                if (!Constants.isConstant(insn)) continue;
                var simpler = towards.apply(insn);
                if (simpler == null || simpler.equals(insn) || insn.equals(Constants.zeroLike(insn))) continue;
                edits.add(new Literal(p, k, simpler));
            }
        }
        return Chunks.apply(module, edits, set -> applied(module, codes, set), candidates);
    }

    private static WasmModule applied(WasmModule module, List<Code> codes, Set<Literal> set) {
        var lists = new ArrayList<List<Instruction>>();
        for (var c : codes) lists.add(new ArrayList<>(c.instructions()));
        for (var e : set) lists.get(e.p()).set(e.k(), e.value());
        var edited = new ArrayList<Code>();
        for (int p = 0; p < codes.size(); p++) edited.add(codes.get(p).withInstructions(lists.get(p)));
        return Modules.withCodeList(module, edited);
    }
}

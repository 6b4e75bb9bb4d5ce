package flint.harness.shrink;

import flint.wasm.model.FuncType;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.Validator;
import java.util.ArrayList;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Drops results of defined functions, in chunks per function. The values left over go where the
 * body ends and at each {@code return} and branch to the function's label: the subexpressions
 * computing them are deleted (so a result the divergence needs stays), or they are dropped when
 * their origin is unknown. Every {@code call} of the function pushes zeros of the dropped types in
 * their place, for the code after it (later rounds delete what then computes nothing); so a
 * function that is called keeps a prefix of its results, while one that is only exported can lose
 * any of them (the constants a multi-value signature forced, say). Functions a reference can name
 * keep their type ({@link Retyping#pinned}): an indirect call with the old type would trap instead
 * of calling.
 */
record ResultPass() implements ShrinkPass.OnModule {
    @Override public String name() { return "function results"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        int imported = module.importedFunctionCount();
        for (int p = 0; p < module.functions().size() && !candidates.exhausted(); p++) {
            int n = module.types().get(module.functions().get(p)).results().size();
            if (n == 0 || Retyping.pinned(module).contains(imported + p)) continue;
            var current = module;
            int at = p;
            module = Chunks.apply(module, IntStream.range(0, n).boxed().toList(), removed -> withoutResults(current, at, removed),
                    candidates);
        }
        return module;
    }

    /** The module with defined function {@code p} no longer returning the results at {@code removed}. */
    static WasmModule withoutResults(WasmModule module, int p, Set<Integer> removed) {
        int f = module.importedFunctionCount() + p;
        var old = module.types().get(module.functions().get(p));
        int n = old.results().size();
        var types = new ArrayList<>(module.types());
        var functions = new ArrayList<>(module.functions());
        functions.set(p, Retyping.typeIndex(types, new FuncType(old.params(), Retyping.select(old.results(), removed, true))));
        var zeros = Retyping.zeros(Retyping.select(old.results(), removed, false));
        boolean suffix = Retyping.isSuffix(removed, n);
        var codes = new ArrayList<FunctionBody>(module.codes());
        for (int q = 0; q < codes.size(); q++) {
            var code = Code.decode(codes.get(q));
            var insns = code.instructions();
            var edits = new Retyping.Edits();
            boolean temp = false;
            if (q == p) {
                int end = insns.size() - 1;
                var ctx = Validator.validateModule(module);
                var operands = BodyAnalysis.of(ctx, f, code).operands();
                Retyping.exit(edits, end, operands, n, removed);
                temp = Retyping.branches(insns, -1, end, operands, old.results(), removed, edits, old.params().size() + code.locals().size());
            }
            for (int i = 0; i < insns.size(); i++) {
                if (!(insns.get(i) instanceof Instruction.Indexed x) || x.index() != f) continue;
                // zeros pushed after the call stand in for the last results only
                if (x.opcode() == Opcode.CALL && suffix) edits.after(i, zeros);
                else if (x.opcode() == Opcode.CALL || x.opcode() == Opcode.RETURN_CALL) throw new Renumber.Dangling();
            }
            if (edits.isEmpty()) continue;
            var edited = code.withInstructions(edits.apply(insns));
            codes.set(q, (temp ? Retyping.withTemp(edited) : edited).encode());
        }
        return Modules.withTypes(Modules.withFunctions(module, functions, codes), types);
    }
}

package flint.harness.shrink;

import flint.wasm.model.ExternKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.Validator;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Drops parameters of defined functions, in chunks per function. A dropped parameter becomes a
 * local of the body (reading it now gives zero, which the predicate judges). At every
 * {@code call} and {@code return_call} of the function the argument goes too: its subexpression is
 * deleted ({@link BodyAnalysis}); an argument of unknown origin on top of the stack is dropped. The
 * recorded calls of an exported function lose the argument as well, which is how the shrunk
 * reproducer loses values nobody needs. Functions a reference can name keep their type
 * ({@link Retyping#pinned}).
 */
record ParamPass() implements ShrinkPass {
    @Override public String name() { return "function parameters"; }

    @Override public ShrinkSubject run(ShrinkSubject subject, Candidates candidates) {
        for (int p = 0; p < subject.module().functions().size() && !candidates.exhausted(); p++) {
            var module = subject.module();
            int n = Retyping.params(module, p);
            if (n == 0 || Retyping.pinned(module).contains(module.importedFunctionCount() + p)) continue;
            var sites = callSites(module, module.importedFunctionCount() + p);
            var current = subject;
            int at = p;
            subject = Chunks.applyToSubject(subject, IntStream.range(0, n).boxed().toList(),
                    drop -> withoutParams(current, at, drop, sites), candidates);
        }
        return subject;
    }

    /** The bodies (by position) that call function {@code f}, analyzed: where the arguments come from. */
    private static Map<Integer, BodyAnalysis> callSites(WasmModule module, int f) {
        var sites = new HashMap<Integer, BodyAnalysis>();
        flint.wasm.validate.ModuleContext ctx = null;
        var codes = Modules.codes(module);
        for (int q = 0; q < codes.size(); q++) {
            boolean calls = codes.get(q).instructions().stream().anyMatch(i -> isCallOf(i, f));
            if (!calls) continue;
            if (ctx == null) ctx = Validator.validateModule(module);
            sites.put(q, BodyAnalysis.of(ctx, module.importedFunctionCount() + q, codes.get(q)));
        }
        return sites;
    }

    private static boolean isCallOf(Instruction insn, int f) {
        return insn instanceof Instruction.Indexed x && x.index() == f
                && (x.opcode() == Opcode.CALL || x.opcode() == Opcode.RETURN_CALL);
    }

    /** The subject with the parameters {@code drop} of defined function {@code p} gone. */
    static ShrinkSubject withoutParams(ShrinkSubject subject, int p, Set<Integer> drop, Map<Integer, BodyAnalysis> sites) {
        var module = subject.module();
        int f = module.importedFunctionCount() + p;
        var old = module.types().get(module.functions().get(p));
        int n = old.params().size();
        var kept = new ArrayList<ValType>();
        var moved = new ArrayList<ValType>();
        for (int i = 0; i < n; i++) (drop.contains(i) ? moved : kept).add(old.params().get(i));
        var types = new ArrayList<>(module.types());
        var functions = new ArrayList<>(module.functions());
        functions.set(p, Retyping.typeIndex(types, new FuncType(kept, old.results())));
        // the arguments of a dropped parameter at or above the highest kept one may be of unknown origin: they are dropped
        int suffix = n;
        while (suffix > 0 && drop.contains(suffix - 1)) suffix--;
        var codes = new ArrayList<FunctionBody>(module.codes());
        for (int q = 0; q < codes.size(); q++) {
            if (!sites.containsKey(q) && q != p) continue;
            var code = Code.decode(codes.get(q));
            var insns = code.instructions();
            var edits = new Retyping.Edits();
            var analysis = sites.get(q);
            for (int i = 0; analysis != null && i < insns.size(); i++) {
                if (!isCallOf(insns.get(i), f)) continue;
                var args = analysis.operands().getOrDefault(i, List.of());
                int unknown = 0;
                for (int j : drop) {
                    var arg = args.size() == n ? args.get(j) : null;
                    if (arg != null && arg.known()) edits.remove(arg.positions());
                    else if (j >= suffix) unknown++;
                    else throw new Renumber.Dangling();
                }
                edits.before(i, Retyping.drops(unknown));
            }
            var list = edits.apply(insns);
            var locals = code.locals();
            if (q == p) {
                // parameters kept are renumbered in order; dropped ones become the first declared locals
                int[] map = new int[n];
                int nextKept = 0;
                int nextMoved = kept.size();
                for (int i = 0; i < n; i++) map[i] = drop.contains(i) ? nextMoved++ : nextKept++;
                list = Renumber.instructions(list, Renumber.Space.LOCAL, j -> j >= 0 && j < n ? map[j] : j);
                var declared = new ArrayList<>(moved);
                declared.addAll(locals);
                locals = declared;
            }
            codes.set(q, new Code(locals, list).encode());
        }
        var candidate = Modules.withTypes(Modules.withFunctions(module, functions, codes), types);
        return new ShrinkSubject(candidate, withoutArguments(subject.calls(), exportNames(module, f), drop, n));
    }

    /** The names function {@code f} is exported as. */
    private static Set<String> exportNames(WasmModule module, int f) {
        var names = new HashSet<String>();
        for (var e : module.exports()) if (e.kind() == ExternKind.FUNC && e.index() == f) names.add(e.name());
        return names;
    }

    private static List<ShrinkCall> withoutArguments(List<ShrinkCall> calls, Set<String> exports, Set<Integer> drop, int n) {
        if (exports.isEmpty()) return calls;
        var out = new ArrayList<ShrinkCall>(calls.size());
        for (var call : calls) {
            if (!exports.contains(call.export()) || call.args().size() != n) {
                out.add(call);
                continue;
            }
            var args = new ArrayList<Value>();
            for (int i = 0; i < n; i++) if (!drop.contains(i)) args.add(call.args().get(i));
            out.add(call.withArgs(args));
        }
        return out;
    }
}

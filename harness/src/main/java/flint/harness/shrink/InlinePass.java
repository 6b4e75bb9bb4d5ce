package flint.harness.shrink;

import flint.wasm.model.ExternKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.Validator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns calls into straight-line code, so that a reproducer spread over several functions ends
 * up in one:
 * <ol>
 * <li>devirtualize: a {@code call_indirect} becomes a {@code call} of a function of its type (the
 *     ones in element segments first), its table index deleted;</li>
 * <li>inline: a {@code call} of a defined function that nothing else refers to becomes a block
 *     with the callee's body: the arguments go to fresh locals (the callee's parameters), the
 *     callee's locals become fresh locals of the caller, and a {@code return} becomes a branch out
 *     of the block. The callee is then unreachable and {@link CompactionPass} removes it; the
 *     body pass unwraps the block.</li>
 * </ol>
 * One call site at a time, each site tried once per round.
 */
record InlinePass() implements ShrinkPass.OnModule {
    /** Devirtualizing tries at most this many functions per call site. */
    private static final int TARGETS = 4;

    @Override public String name() { return "inline calls"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        for (int p = 0; p < module.codes().size() && !candidates.exhausted(); p++) {
            module = devirtualize(module, p, candidates);
            module = inline(module, p, candidates);
        }
        return module;
    }

    private static WasmModule devirtualize(WasmModule module, int p, Candidates candidates) {
        int ordinal = 0;
        while (!candidates.exhausted()) {
            var code = Code.decode(module.codes().get(p));
            var sites = new ArrayList<Integer>();
            for (int k = 0; k < code.size(); k++) {
                var op = code.get(k).opcode();
                if (op == Opcode.CALL_INDIRECT || op == Opcode.RETURN_CALL_INDIRECT) sites.add(k);
            }
            if (ordinal >= sites.size()) return module;
            int k = sites.get(ordinal);
            var ctx = Validator.validateModule(module);
            var operands = BodyAnalysis.of(ctx, ctx.importedFunctionCount() + p, code).operands().get(k);
            java.util.Optional<WasmModule> accepted = java.util.Optional.empty();
            if (operands != null && !operands.isEmpty() && operands.getLast().known()) {
                var insn = (Instruction.TwoIndex) code.get(k);
                var direct = insn.opcode() == Opcode.CALL_INDIRECT ? Opcode.CALL : Opcode.RETURN_CALL;
                var current = module;
                accepted = candidates.firstAccepted(targets(module, module.types().get(insn.first())).stream().map(f -> {
                    var edits = new Retyping.Edits();
                    edits.remove(operands.getLast().positions());
                    edits.replace(k, new Instruction.Indexed(direct, f));
                    return BodyPass.replaced(current, p, code.withInstructions(edits.apply(code.instructions())));
                }));
            }
            if (accepted.isPresent()) module = accepted.get();
            else ordinal++;
        }
        return module;
    }

    /** Functions of type {@code type}: those in element segments first, at most {@link #TARGETS}. */
    private static List<Integer> targets(WasmModule module, FuncType type) {
        var all = new LinkedHashSet<Integer>();
        for (var e : module.elements()) {
            for (var item : e.items()) {
                for (var insn : item.instructions()) {
                    if (insn.opcode() == Opcode.REF_FUNC) all.add(((Instruction.Indexed) insn).index());
                }
            }
        }
        int total = module.importedFunctionCount() + module.functions().size();
        for (int f = 0; f < total; f++) all.add(f);
        return all.stream().filter(f -> f < total && module.functionType(f).equals(type)).limit(TARGETS).toList();
    }

    private static WasmModule inline(WasmModule module, int p, Candidates candidates) {
        int imported = module.importedFunctionCount();
        int ordinal = 0;
        while (!candidates.exhausted()) {
            var code = Code.decode(module.codes().get(p));
            var sites = new ArrayList<Integer>();
            for (int k = 0; k < code.size(); k++) {
                if (code.get(k) instanceof Instruction.Indexed x && x.opcode() == Opcode.CALL && x.index() >= imported
                        && x.index() != imported + p && onlyReference(module, x.index())) {
                    sites.add(k);
                }
            }
            if (ordinal >= sites.size()) return module;
            int k = sites.get(ordinal);
            WasmModule candidate = null;
            try {
                candidate = inlined(module, p, code, k);
            } catch (Renumber.Dangling e) {
                // the callee cannot be inlined this simply
            }
            if (candidate != null && candidates.test(candidate)) module = candidate;
            else ordinal++;
        }
        return module;
    }

    /** Whether function {@code g} is named exactly once in the module, by a call (so inlining leaves it unreachable). */
    private static boolean onlyReference(WasmModule module, int g) {
        if (module.start().isPresent() && module.start().getAsInt() == g) return false;
        for (var e : module.exports()) if (e.kind() == ExternKind.FUNC && e.index() == g) return false;
        for (var expr : CompactionPass.constExprs(module)) {
            for (var insn : expr.instructions()) if (insn instanceof Instruction.Indexed x && x.opcode() == Opcode.REF_FUNC && x.index() == g) return false;
        }
        int calls = 0;
        for (var code : Modules.codes(module)) {
            for (var insn : code.instructions()) {
                if (insn instanceof Instruction.Indexed x && x.opcode().immediate() == flint.wasm.model.Immediate.FUNC && x.index() == g) {
                    if (x.opcode() != Opcode.CALL) return false;
                    calls++;
                }
            }
        }
        return calls == 1;
    }

    /** The module with the call at {@code k} of body {@code p} replaced by the callee's body in a block. */
    private static WasmModule inlined(WasmModule module, int p, Code code, int k) {
        int g = ((Instruction.Indexed) code.get(k)).index();
        var type = module.functionType(g);
        var callee = Code.decode(module.codes().get(g - module.importedFunctionCount()));
        int base = Retyping.params(module, p) + code.locals().size();
        var locals = new ArrayList<ValType>(code.locals());
        locals.addAll(type.params());
        locals.addAll(callee.locals());
        var types = new ArrayList<>(module.types());
        var seq = new ArrayList<Instruction>();
        for (int i = type.params().size() - 1; i >= 0; i--) seq.add(new Instruction.Indexed(Opcode.LOCAL_SET, base + i));
        seq.add(new Instruction.Block(Opcode.BLOCK, Retyping.blockType(types, new FuncType(List.of(), type.results()))));
        var body = callee.instructions();
        int depth = 0;
        for (int i = 0; i < body.size() - 1; i++) { // the callee's own end closes the block
            var insn = body.get(i);
            switch (insn.opcode()) {
                case BLOCK, LOOP, IF, TRY_TABLE -> depth++;
                case END -> depth--;
                case RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF -> throw new Renumber.Dangling();
                default -> { }
            }
            if (insn.opcode() == Opcode.RETURN) seq.add(new Instruction.Indexed(Opcode.BR, depth));
            else seq.add(Renumber.instruction(insn, Renumber.Space.LOCAL, j -> j + base));
        }
        seq.add(Instruction.END);
        var out = new ArrayList<Instruction>(code.instructions().subList(0, k));
        out.addAll(seq);
        out.addAll(code.instructions().subList(k + 1, code.size()));
        return Modules.withTypes(BodyPass.replaced(module, p, new Code(locals, out)), types);
    }
}

package flint.harness.shrink;

import flint.wasm.model.FuncType;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Simplifies the types of blocks, loops, ifs and try_tables that take parameters or give results
 * (multi-value plumbing the generator loves): {@code (param P) (result R)} becomes no type at all
 * first, then keeps the parameters or the results only, then loses one value at a time. Values
 * that no longer go in are taken off the stack before the block and zeros stand in for them
 * inside; values that no longer come out are taken off at the end of each arm and at each branch
 * to the block's label, and zeros stand in for them after the block. Taking a value off deletes
 * the subexpression that computed it ({@link BodyAnalysis}), or drops it when its origin is
 * unknown (an if's condition waits in a local meanwhile). Later rounds delete the zeros with
 * what consumes them, when that is not needed either.
 */
record BlockTypePass() implements ShrinkPass.OnModule {
    @Override public String name() { return "block types"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        for (int p = 0; p < module.codes().size() && !candidates.exhausted(); p++) {
            // Outermost first. After a success the body has changed and is analyzed again; the
            // blocks before the ordinal reached were tried already.
            int ordinal = 0;
            while (!candidates.exhausted()) {
                var code = Code.decode(module.codes().get(p));
                var ctx = Validator.validateModule(module);
                var typed = new ArrayList<BodyAnalysis.Block>();
                var analysis = BodyAnalysis.of(ctx, ctx.importedFunctionCount() + p, code);
                for (var b : analysis.blocks()) {
                    var type = BodyAnalysis.blockType(ctx, code.get(b.open()));
                    if (!type.params().isEmpty() || !type.results().isEmpty()) typed.add(b);
                }
                typed.sort(Comparator.comparingInt(BodyAnalysis.Block::open));
                if (ordinal >= typed.size()) break;
                var block = typed.get(ordinal);
                var type = BodyAnalysis.blockType(ctx, code.get(block.open()));
                var current = module;
                int function = p;
                var accepted = candidates.firstAccepted(simpler(type).stream().flatMap(simpler -> {
                    try {
                        return java.util.stream.Stream.of(retyped(current, function, code, analysis.operands(), block, type, simpler));
                    } catch (Renumber.Dangling e) {
                        return java.util.stream.Stream.empty();
                    }
                }));
                if (accepted.isPresent()) module = accepted.get();
                else ordinal++;
            }
        }
        return module;
    }

    /** The simpler types to try for {@code type}, as (parameters kept, results kept): prefixes of each. */
    private static List<int[]> simpler(FuncType type) {
        int ps = type.params().size();
        int rs = type.results().size();
        var out = new LinkedHashSet<List<Integer>>();
        out.add(List.of(0, 0));
        out.add(List.of(ps, 0));
        out.add(List.of(0, rs));
        if (rs > 0) out.add(List.of(ps, rs - 1));
        if (ps > 0) out.add(List.of(ps - 1, rs));
        out.remove(List.of(ps, rs));
        return out.stream().map(l -> new int[] {l.get(0), l.get(1)}).toList();
    }

    /** The module with the block at {@code block} keeping its first {@code keep[0]} parameters and first {@code keep[1]} results. */
    private static WasmModule retyped(WasmModule module, int p, Code code, Map<Integer, List<BodyAnalysis.Operand>> operands,
                                      BodyAnalysis.Block block, FuncType old, int[] keep) {
        var params = old.params();
        var results = old.results();
        int dropParams = params.size() - keep[0];
        int dropResults = results.size() - keep[1];
        var types = new ArrayList<>(module.types());
        var blockType = Retyping.blockType(types, new FuncType(params.subList(0, keep[0]), results.subList(0, keep[1])));
        var insns = code.instructions();
        var opener = insns.get(block.open());
        var op = opener.opcode();
        var edits = new Retyping.Edits();
        edits.replace(block.open(), switch (opener) {
            case Instruction.Block b -> new Instruction.Block(b.opcode(), blockType);
            case Instruction.TryTable t -> new Instruction.TryTable(blockType, t.catches());
            default -> throw new IllegalStateException("not a block: " + opener);
        });
        int temp = Retyping.params(module, p) + code.locals().size();
        boolean usesTemp = false;
        if (dropParams > 0) {
            List<ValType> gone = params.subList(keep[0], params.size());
            var ops = operands.get(block.open());
            int n = params.size();
            if (ops != null && ops.size() > n) ops = ops.subList(0, n); // an if's condition is on top
            int unknown = Retyping.discard(edits, ops, n, Retyping.suffix(keep[0], n));
            if (unknown > 0 && op == Opcode.IF) {
                edits.before(block.open(), Retyping.dropBelowTop(unknown, temp)); // the condition waits in the temporary local
                usesTemp = true;
            } else {
                edits.before(block.open(), Retyping.drops(unknown));
            }
            edits.after(block.open(), Retyping.zeros(gone));
            if (block.elseAt() >= 0) edits.after(block.elseAt(), Retyping.zeros(gone));
            if (op == Opcode.LOOP) {
                usesTemp |= Retyping.branches(insns, block.open(), block.end(), operands, params, Retyping.suffix(keep[0], n), edits, temp);
            }
        }
        if (dropResults > 0) {
            var removed = Retyping.suffix(keep[1], results.size());
            Retyping.exit(edits, block.end(), operands, results.size(), removed);
            if (block.elseAt() >= 0) Retyping.exit(edits, block.elseAt(), operands, results.size(), removed);
            if (op != Opcode.LOOP) usesTemp |= Retyping.branches(insns, block.open(), block.end(), operands, results, removed, edits, temp);
            edits.after(block.end(), Retyping.zeros(results.subList(keep[1], results.size())));
        }
        var edited = code.withInstructions(edits.apply(insns));
        if (usesTemp) edited = Retyping.withTemp(edited);
        return Modules.withTypes(BodyPass.replaced(module, p, edited), types);
    }
}

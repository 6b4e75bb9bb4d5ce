package flint.harness.shrink;

import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/**
 * Shrinks inside function bodies, one function at a time, in five steps that each start from
 * the expression structure ({@link BodyAnalysis}) of the current body:
 * <ol>
 * <li>delete statements (whole blocks included), largest first, in chunks;</li>
 * <li>replace value-producing subexpressions (whole blocks with a result included) by a constant
 *     of their type, largest first, in chunks: zero, then (in small bodies) one and minus one;</li>
 * <li>replace a value-producing subexpression by one of its operands of the same type
 *     ({@code (i32.div_s X (i32.const 1))} becomes {@code X}), in chunks;</li>
 * <li>unwrap blocks, loops and ifs, keeping their body (an if: one arm), one at a time;</li>
 * <li>cut the dead code after {@code unreachable}, {@code br}, {@code br_table} and {@code return}
 *     up to the end of its block, and the code before an {@code unreachable} in its block (a
 *     trap that decides a divergence needs nothing before it);</li>
 * <li>tidy up: an empty {@code else} arm goes, a {@code local.set} becomes a {@code drop}, a
 *     {@code local.tee} goes (the local then is unused, or reads zero), a {@code br_table} becomes
 *     a {@code br} to one of its labels.</li>
 * </ol>
 * Edits come from the tree, so most candidates are valid; the validator rejects the rest (a
 * deleted {@code br} that a block's result type relied on, say).
 */
record BodyPass() implements ShrinkPass.OnModule {
    private static final Comparator<BodyAnalysis.Node> LARGEST_FIRST =
            Comparator.comparingInt(BodyAnalysis.Node::length).reversed().thenComparingInt(BodyAnalysis.Node::start);

    @Override public String name() { return "function bodies"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        for (int p = 0; p < module.codes().size() && !candidates.exhausted(); p++) {
            if (Code.decode(module.codes().get(p)).size() <= 2) continue; // one instruction and end: nothing to take out
            module = deleteStatements(module, p, candidates);
            module = replaceValues(module, p, candidates, Constants::zero);
            if (Code.decode(module.codes().get(p)).size() <= SMALL) {
                module = replaceValues(module, p, candidates, t -> one(Constants.zero(t)));
                module = replaceValues(module, p, candidates, t -> minusOne(Constants.zero(t)));
            }
            module = hoistOperands(module, p, candidates);
            module = unwrapBlocks(module, p, candidates);
            module = cutAroundTerminators(module, p, candidates);
            module = tidy(module, p, candidates);
        }
        return module;
    }

    /** Bodies at most this long also try ones and minus ones in place of values: a late polish, too costly on big bodies. */
    private static final int SMALL = 100;

    private static Instruction one(Instruction zero) {
        return zero == null ? null : Constants.one(zero);
    }

    private static Instruction minusOne(Instruction zero) {
        return zero == null ? null : Constants.minusOne(zero);
    }

    private static WasmModule tidy(WasmModule module, int p, Candidates candidates) {
        var code = Code.decode(module.codes().get(p));
        var insns = code.instructions();
        var edits = new ArrayList<RangeEdit>();
        for (int i = 0; i < insns.size(); i++) {
            var op = insns.get(i).opcode();
            if (op == Opcode.ELSE && insns.get(i + 1).opcode() == Opcode.END) edits.add(new RangeEdit(i, i, List.of()));
            if (insns.size() > SMALL) continue; // the rest changes what the code computes: a late polish
            if (op == Opcode.LOCAL_SET) edits.add(new RangeEdit(i, i, List.of(Retyping.DROP)));
            if (op == Opcode.LOCAL_TEE) edits.add(new RangeEdit(i, i, List.of()));
            if (insns.get(i) instanceof Instruction.BrTable t) {
                // a br_table becomes a br to one of its labels (the default first): then the blocks can unwrap
                var labels = new LinkedHashSet<Integer>();
                labels.add(t.defaultLabel());
                labels.addAll(t.labels());
                for (int label : labels) {
                    edits.add(new RangeEdit(i, i, List.of(Retyping.DROP, new Instruction.Indexed(Opcode.BR, label))));
                }
            }
        }
        return Chunks.apply(module, edits, set -> replaced(module, p, code.withInstructions(RangeEdit.apply(insns, set))), candidates);
    }

    private static WasmModule deleteStatements(WasmModule module, int p, Candidates candidates) {
        var code = Code.decode(module.codes().get(p));
        var edits = analyze(module, p, code).nodes().stream()
                .filter(n -> n.kind() == BodyAnalysis.Kind.STATEMENT)
                .sorted(LARGEST_FIRST)
                .map(n -> SetEdit.delete(n.positions()))
                .distinct()
                .toList();
        return Chunks.apply(module, edits, set -> replaced(module, p, code.withInstructions(SetEdit.apply(code.instructions(), set))), candidates);
    }

    private static WasmModule replaceValues(WasmModule module, int p, Candidates candidates,
                                            Function<ValType, Instruction> constantOf) {
        var code = Code.decode(module.codes().get(p));
        var edits = new ArrayList<SetEdit>();
        for (var n : analyze(module, p, code).nodes().stream().filter(n -> n.kind() == BodyAnalysis.Kind.VALUE).sorted(LARGEST_FIRST).toList()) {
            var constant = constantOf.apply(n.type());
            if (constant == null) continue;
            if (n.length() == 1 && Constants.isConstant(code.get(n.start()))) continue; // ConstantPass simplifies literals
            edits.add(SetEdit.replace(n.positions(), List.of(constant)));
        }
        return Chunks.apply(module, edits, set -> replaced(module, p, code.withInstructions(SetEdit.apply(code.instructions(), set))), candidates);
    }

    private static WasmModule hoistOperands(WasmModule module, int p, Candidates candidates) {
        var code = Code.decode(module.codes().get(p));
        var analysis = analyze(module, p, code);
        var edits = new ArrayList<SetEdit>();
        for (var n : analysis.nodes().stream().filter(n -> n.kind() == BodyAnalysis.Kind.VALUE).sorted(LARGEST_FIRST).toList()) {
            for (var child : analysis.operands().getOrDefault(n.end(), List.of())) {
                if (!child.known() || !n.type().equals(child.type())) continue;
                // Edits for several operands of one node have the same span: a chunk applies the
                // first, and the single-edit chunks at the end try each one on its own.
                edits.add(SetEdit.keep(n.positions(), child.positions()));
            }
        }
        return Chunks.apply(module, edits, set -> replaced(module, p, code.withInstructions(SetEdit.apply(code.instructions(), set))), candidates);
    }

    private static WasmModule unwrapBlocks(WasmModule module, int p, Candidates candidates) {
        // Outermost first: unwrapping a big block helps the most. After a success the body has
        // changed, so the analysis is redone; blocks before the ordinal we reached were tried already.
        int ordinal = 0;
        while (!candidates.exhausted()) {
            var code = Code.decode(module.codes().get(p));
            var blocks = new ArrayList<>(analyze(module, p, code).blocks());
            blocks.sort(Comparator.comparingInt(BodyAnalysis.Block::open));
            if (ordinal >= blocks.size()) return module;
            var current = module;
            var accepted = candidates.firstAccepted(Unwrap.variants(code.instructions(), blocks.get(ordinal)).stream()
                    .map(variant -> replaced(current, p, code.withInstructions(variant))));
            if (accepted.isPresent()) module = accepted.get();
            else ordinal++;
        }
        return module;
    }

    private static WasmModule cutAroundTerminators(WasmModule module, int p, Candidates candidates) {
        var code = Code.decode(module.codes().get(p));
        var insns = code.instructions();
        var edits = new ArrayList<RangeEdit>();
        int covered = -1;
        for (int i = 0; i < insns.size(); i++) {
            if (i <= covered) continue;
            var op = insns.get(i).opcode();
            boolean terminator = op == Opcode.UNREACHABLE || op == Opcode.BR || op == Opcode.BR_TABLE || op == Opcode.RETURN;
            if (!terminator) continue;
            int end = blockEnd(insns, i + 1);
            if (op == Opcode.UNREACHABLE) {
                int start = blockStart(insns, i - 1);
                if (start < i) edits.add(new RangeEdit(start, i - 1, List.of())); // ends are inclusive
            }
            if (end > i + 1) edits.add(new RangeEdit(i + 1, end - 1, List.of()));
            covered = end; // a cut at most once per stretch: edits must not overlap
        }
        return Chunks.apply(module, edits, set -> replaced(module, p, code.withInstructions(RangeEdit.apply(insns, set))), candidates);
    }

    /** The index of the {@code end} or {@code else} that closes the block instruction {@code from} is in. */
    private static int blockEnd(List<Instruction> insns, int from) {
        int depth = 0;
        for (int j = from; j < insns.size(); j++) {
            switch (insns.get(j).opcode()) {
                case BLOCK, LOOP, IF, TRY_TABLE -> depth++;
                case ELSE -> { if (depth == 0) return j; }
                case END -> { if (depth-- == 0) return j; }
                default -> { }
            }
        }
        return insns.size();
    }

    /** The index of the first instruction of the block that instruction {@code from} is in. */
    private static int blockStart(List<Instruction> insns, int from) {
        int depth = 0;
        for (int j = from; j >= 0; j--) {
            switch (insns.get(j).opcode()) {
                case END -> depth++;
                case BLOCK, LOOP, IF, TRY_TABLE, ELSE -> { if (depth-- == 0) return j + 1; }
                default -> { }
            }
        }
        return 0;
    }

    private static BodyAnalysis analyze(WasmModule module, int p, Code code) {
        var ctx = Validator.validateModule(module);
        return BodyAnalysis.of(ctx, ctx.importedFunctionCount() + p, code);
    }

    static WasmModule replaced(WasmModule module, int p, Code code) {
        var codes = new ArrayList<>(module.codes());
        codes.set(p, code.encode());
        return Modules.withCodes(module, codes);
    }
}

package flint.harness.shrink;

import flint.wasm.model.Opcode;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Shrinks inside function bodies, one function at a time, in five steps that each start from
 * the expression structure ({@link BodyAnalysis}) of the current body:
 * <ol>
 * <li>delete statements (whole blocks included), largest first, in chunks;</li>
 * <li>replace value-producing subexpressions (whole blocks with a result included) by a constant
 *     of their type, largest first, in chunks;</li>
 * <li>replace a value-producing subexpression by one of its operands of the same type
 *     ({@code (i32.div_s X (i32.const 1))} becomes {@code X}), in chunks;</li>
 * <li>unwrap blocks, loops and ifs, keeping their body (an if: one arm), one at a time;</li>
 * <li>cut the dead code after {@code unreachable}, {@code br}, {@code br_table} and {@code return}
 *     up to the end of its block, and the code before an {@code unreachable} in its block (a
 *     trap that decides a divergence needs nothing before it).</li>
 * </ol>
 * Ranges come from the tree, so most candidates are valid; the validator rejects the rest (a
 * deleted {@code br} that a block's result type relied on, say).
 */
record BodyPass() implements ShrinkPass {
    private static final Comparator<BodyAnalysis.Node> LARGEST_FIRST =
            Comparator.comparingInt(BodyAnalysis.Node::length).reversed().thenComparingInt(BodyAnalysis.Node::start);

    @Override public String name() { return "function bodies"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        for (int p = 0; p < module.codes().size() && !candidates.exhausted(); p++) {
            if (Code.decode(module.codes().get(p)).size() <= 2) continue; // one instruction and end: nothing to take out
            module = deleteStatements(module, p, candidates);
            module = replaceValues(module, p, candidates);
            module = hoistOperands(module, p, candidates);
            module = unwrapBlocks(module, p, candidates);
            module = cutAroundTerminators(module, p, candidates);
        }
        return module;
    }

    private static WasmModule deleteStatements(WasmModule module, int p, Candidates candidates) {
        var code = Code.decode(module.codes().get(p));
        var edits = analyze(module, p, code).nodes().stream()
                .filter(n -> n.kind() == BodyAnalysis.Kind.STATEMENT)
                .sorted(LARGEST_FIRST)
                .map(n -> new RangeEdit(n.start(), n.end(), List.of()))
                .toList();
        return Chunks.apply(module, edits, set -> replaced(module, p, code.withInstructions(RangeEdit.apply(code.instructions(), set))), candidates);
    }

    private static WasmModule replaceValues(WasmModule module, int p, Candidates candidates) {
        var code = Code.decode(module.codes().get(p));
        var edits = new ArrayList<RangeEdit>();
        for (var n : analyze(module, p, code).nodes().stream().filter(n -> n.kind() == BodyAnalysis.Kind.VALUE).sorted(LARGEST_FIRST).toList()) {
            var constant = Constants.zero(n.type());
            if (constant == null) continue;
            if (n.length() == 1 && Constants.isConstant(code.get(n.start()))) continue; // ConstantPass simplifies literals
            edits.add(new RangeEdit(n.start(), n.end(), List.of(constant)));
        }
        return Chunks.apply(module, edits, set -> replaced(module, p, code.withInstructions(RangeEdit.apply(code.instructions(), set))), candidates);
    }

    private static WasmModule hoistOperands(WasmModule module, int p, Candidates candidates) {
        var code = Code.decode(module.codes().get(p));
        var values = analyze(module, p, code).nodes().stream().filter(n -> n.kind() == BodyAnalysis.Kind.VALUE).toList();
        var edits = new ArrayList<RangeEdit>();
        for (var n : values.stream().sorted(LARGEST_FIRST).toList()) {
            for (var child : operands(n, values)) {
                if (!child.type().equals(n.type())) continue;
                // Edits for several operands of one node replace the same range: a chunk applies
                // the first, and the single-edit chunks at the end try each one on its own.
                edits.add(new RangeEdit(n.start(), n.end(), code.instructions().subList(child.start(), child.end() + 1)));
            }
        }
        return Chunks.apply(module, edits, set -> replaced(module, p, code.withInstructions(RangeEdit.apply(code.instructions(), set))), candidates);
    }

    /** The value nodes directly inside {@code n}: contained in it and in no other node contained in it. */
    private static List<BodyAnalysis.Node> operands(BodyAnalysis.Node n, List<BodyAnalysis.Node> values) {
        var inside = values.stream().filter(c -> c != n && c.start() >= n.start() && c.end() < n.end()).toList();
        return inside.stream().filter(c -> inside.stream().noneMatch(o -> o != c && o.start() <= c.start() && c.end() <= o.end()
                && o.length() > c.length())).toList();
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
            boolean changed = false;
            for (var variant : Unwrap.variants(code.instructions(), blocks.get(ordinal))) {
                var candidate = replaced(module, p, code.withInstructions(variant));
                if (candidates.test(candidate)) {
                    module = candidate;
                    changed = true;
                    break;
                }
            }
            if (!changed) ordinal++;
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
    private static int blockEnd(List<flint.wasm.model.Instruction> insns, int from) {
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
    private static int blockStart(List<flint.wasm.model.Instruction> insns, int from) {
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

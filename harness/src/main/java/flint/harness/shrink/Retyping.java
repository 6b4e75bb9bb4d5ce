package flint.harness.shrink;

import flint.wasm.model.BlockType;
import flint.wasm.model.FuncType;
import flint.wasm.model.Instruction;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the passes that change signatures share ({@link ResultPass}, {@link ParamPass},
 * {@link BlockTypePass}): finding or adding a type, the functions whose type must stay as it is,
 * position-based edits of a body, and rewriting the exits of a frame whose label takes fewer values.
 */
final class Retyping {
    private Retyping() {}

    static final Instruction DROP = new Instruction.Plain(Opcode.DROP);

    /** The index of {@code type} in {@code types}, appended if it is not there yet. */
    static int typeIndex(List<FuncType> types, FuncType type) {
        int i = types.indexOf(type);
        if (i >= 0) return i;
        types.add(type);
        return types.size() - 1;
    }

    /** The shortest block type for {@code type}, adding a function type to {@code types} if it needs one. */
    static BlockType blockType(List<FuncType> types, FuncType type) {
        if (type.params().isEmpty() && type.results().isEmpty()) return BlockType.EMPTY;
        if (type.params().isEmpty() && type.results().size() == 1) return BlockType.of(type.results().getFirst());
        return new BlockType.TypeIndex(typeIndex(types, type));
    }

    /**
     * Functions whose type must not change: those a reference can name ({@code ref.func} in a body
     * or a constant expression, element segments), which {@code call_indirect} and
     * {@code call_ref} may call with the old type, and the start function.
     */
    static Set<Integer> pinned(WasmModule module) {
        var pinned = new HashSet<Integer>();
        module.start().ifPresent(pinned::add);
        for (var expr : CompactionPass.constExprs(module)) {
            for (var insn : expr.instructions()) if (insn.opcode() == Opcode.REF_FUNC) pinned.add(((Instruction.Indexed) insn).index());
        }
        for (var code : Modules.codes(module)) {
            for (var insn : code.instructions()) if (insn.opcode() == Opcode.REF_FUNC) pinned.add(((Instruction.Indexed) insn).index());
        }
        return pinned;
    }

    /** Zero constants of {@code types}; throws {@link Renumber.Dangling} if a type has none (a non-nullable reference). */
    static List<Instruction> zeros(List<ValType> types) {
        var out = new ArrayList<Instruction>();
        for (var t : types) {
            var c = Constants.zero(t);
            if (c == null) throw new Renumber.Dangling();
            out.add(c);
        }
        return out;
    }

    static List<Instruction> drops(int n) {
        return java.util.Collections.nCopies(n, DROP);
    }

    /** The number of parameters of defined function {@code p}. */
    static int params(WasmModule module, int p) {
        return module.types().get(module.functions().get(p)).params().size();
    }

    /**
     * Edits of one body by position: instructions to insert before and after a position, to put
     * in its place, or to remove. Positions are those of the body as it was; applying builds the
     * new list in one go.
     */
    static final class Edits {
        private final Map<Integer, List<Instruction>> before = new HashMap<>();
        private final Map<Integer, List<Instruction>> after = new HashMap<>();
        private final Map<Integer, Instruction> replace = new HashMap<>();
        private final BitSet removed = new BitSet();

        void before(int i, List<Instruction> insns) { before.computeIfAbsent(i, x -> new ArrayList<>()).addAll(insns); }

        void after(int i, List<Instruction> insns) { after.computeIfAbsent(i, x -> new ArrayList<>()).addAll(insns); }

        void replace(int i, Instruction insn) { replace.put(i, insn); }

        void remove(BitSet positions) { removed.or(positions); }

        boolean isEmpty() { return before.isEmpty() && after.isEmpty() && replace.isEmpty() && removed.isEmpty(); }

        List<Instruction> apply(List<Instruction> code) {
            var out = new ArrayList<Instruction>(code.size() + 8);
            for (int i = 0; i < code.size(); i++) {
                out.addAll(before.getOrDefault(i, List.of()));
                if (!removed.get(i)) out.add(replace.getOrDefault(i, code.get(i)));
                out.addAll(after.getOrDefault(i, List.of()));
            }
            return out;
        }
    }

    /** Positions {@code from..n-1}: the last values of {@code n}, the ones a prefix of the types leaves out. */
    static Set<Integer> suffix(int from, int n) {
        var set = new java.util.TreeSet<Integer>();
        for (int i = from; i < n; i++) set.add(i);
        return set;
    }

    /** Whether {@code removed} are the last values of {@code n}: zeros pushed on top can stand in for them. */
    static boolean isSuffix(Set<Integer> removed, int n) {
        return removed.stream().allMatch(i -> i >= n - removed.size() && i < n);
    }

    /** {@code types} without the positions {@code removed}, or only those positions. */
    static List<ValType> select(List<ValType> types, Set<Integer> removed, boolean kept) {
        var out = new ArrayList<ValType>();
        for (int i = 0; i < types.size(); i++) if (removed.contains(i) != kept) out.add(types.get(i));
        return out;
    }

    /**
     * Of {@code values} (bottom first, as {@link BodyAnalysis#operands} has them; null if unknown)
     * the ones at {@code removed} go: a value whose subexpression is known has it deleted; a value
     * of unknown origin must be among the last ones, all removed: once the known ones are gone
     * those are the top of the stack, and their number is returned for the caller to drop. Any
     * other value of unknown origin cannot go: {@link Renumber.Dangling}.
     */
    static int discard(Edits edits, List<BodyAnalysis.Operand> values, int n, Set<Integer> removed) {
        int top = n;
        while (top > 0 && removed.contains(top - 1)) top--;
        int unknown = 0;
        for (int i : removed) {
            var v = values != null && values.size() == n ? values.get(i) : null;
            if (v != null && v.known()) edits.remove(v.positions());
            else if (i >= top) unknown++;
            else throw new Renumber.Dangling();
        }
        return unknown;
    }

    /** Instructions that park an i32 on top in {@code temp}, drop {@code n} values below it and push it back. */
    static List<Instruction> dropBelowTop(int n, int temp) {
        var park = new ArrayList<Instruction>();
        park.add(new Instruction.Indexed(Opcode.LOCAL_SET, temp));
        park.addAll(drops(n));
        park.add(new Instruction.Indexed(Opcode.LOCAL_GET, temp));
        return park;
    }

    /**
     * Where a frame's label no longer takes the values at {@code removed} of its {@code n}: takes
     * them off the stack at {@code at}, an {@code end} or {@code else} of the frame, or a branch to it.
     */
    static void exit(Edits edits, int at, Map<Integer, List<BodyAnalysis.Operand>> operands, int n, Set<Integer> removed) {
        edits.before(at, drops(discard(edits, operands.get(at), n, removed)));
    }

    /**
     * Rewrites the branches to the label of the frame that opens at {@code open} (-1: the function
     * body, whose {@code return}s count too) and ends at {@code end}, for a label that no longer
     * takes the values at {@code removed} of {@code types} ({@link #exit}). A {@code br_if} that
     * falls through pushes zeros in place of the values it no longer passes on, so those must be
     * the last ones (if one has no known subexpression, the condition waits in the local
     * {@code temp} while it is dropped). A {@code br_table}, {@code br_on_null}, catch clause or
     * tail call that involves the label cannot be rewritten this simply: {@link Renumber.Dangling}
     * rejects the candidate.
     *
     * @return whether the local {@code temp} is needed
     */
    static boolean branches(List<Instruction> code, int open, int end, Map<Integer, List<BodyAnalysis.Operand>> operands,
                            List<ValType> types, Set<Integer> removed, Edits edits, int temp) {
        int n = types.size();
        if (removed.isEmpty()) return false;
        boolean function = open < 0;
        boolean usesTemp = false;
        int depth = 0;
        for (int q = open + 1; q < end; q++) {
            var insn = code.get(q);
            switch (insn.opcode()) {
                case BLOCK, LOOP, IF -> depth++;
                case TRY_TABLE -> {
                    for (var c : ((Instruction.TryTable) insn).catches()) if (c.label() == depth) throw new Renumber.Dangling();
                    depth++;
                }
                case END -> depth--;
                case BR -> { if (((Instruction.Indexed) insn).index() == depth) exit(edits, q, operands, n, removed); }
                case BR_IF -> {
                    if (((Instruction.Indexed) insn).index() == depth) {
                        if (!isSuffix(removed, n)) throw new Renumber.Dangling();
                        var ops = operands.get(q);
                        int unknown = discard(edits, ops == null || ops.size() != n + 1 ? null : ops.subList(0, n), n, removed);
                        if (unknown > 0) {
                            edits.before(q, dropBelowTop(unknown, temp));
                            usesTemp = true;
                        }
                        edits.after(q, zeros(select(types, removed, false)));
                    }
                }
                case BR_TABLE -> {
                    var t = (Instruction.BrTable) insn;
                    if (t.defaultLabel() == depth || t.labels().contains(depth)) throw new Renumber.Dangling();
                }
                case BR_ON_NULL, BR_ON_NON_NULL -> { if (((Instruction.Indexed) insn).index() == depth) throw new Renumber.Dangling(); }
                case RETURN -> { if (function) exit(edits, q, operands, n, removed); }
                case RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF -> { if (function) throw new Renumber.Dangling(); }
                default -> { }
            }
        }
        return usesTemp;
    }

    /** {@code code} with one more local, an i32 (the {@code temp} of {@link #branches}). */
    static Code withTemp(Code code) {
        var locals = new ArrayList<>(code.locals());
        locals.add(NumType.I32);
        return new Code(locals, code.instructions());
    }
}

package flint.harness.shrink;

import flint.wasm.model.ConstExpr;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.ExternKind;
import flint.wasm.model.Immediate;
import flint.wasm.model.Instruction;
import flint.wasm.model.WasmModule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes the defined functions nothing can reach any more and renumbers function indices
 * everywhere (calls, {@code ref.func}, element segments, exports, the start function). Roots are
 * exports, the start function and every function a constant expression names (element items,
 * global and table initializers, which also declare {@code ref.func} targets); from those, calls
 * and {@code ref.func} in reachable bodies. Typically the stubs that {@link FunctionStubPass} left.
 */
record CompactionPass() implements ShrinkPass.OnModule {
    @Override public String name() { return "compact functions"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        var dead = dead(module);
        if (dead.isEmpty()) return module;
        return Chunks.apply(module, dead, drop -> without(module, drop), candidates);
    }

    /** The defined functions not reachable from a root, as positions in the function index space. */
    static List<Integer> dead(WasmModule module) {
        int imported = module.importedFunctionCount();
        int total = imported + module.functions().size();
        var live = new BitSet(total);
        var work = new ArrayDeque<Integer>();
        for (var e : module.exports()) if (e.kind() == ExternKind.FUNC) work.add(e.index());
        module.start().ifPresent(work::add);
        for (var expr : constExprs(module)) for (var insn : expr.instructions()) functionRef(insn, work);
        var codes = Modules.codes(module);
        while (!work.isEmpty()) {
            int f = work.poll();
            if (f < 0 || f >= total || live.get(f)) continue;
            live.set(f);
            if (f >= imported) for (var insn : codes.get(f - imported).instructions()) functionRef(insn, work);
        }
        var dead = new ArrayList<Integer>();
        for (int f = imported; f < total; f++) if (!live.get(f)) dead.add(f);
        return dead;
    }

    /** The module without the functions {@code drop} (function indices), renumbered. */
    static WasmModule without(WasmModule module, Set<Integer> drop) {
        int imported = module.importedFunctionCount();
        var positions = new HashSet<Integer>();
        for (int f : drop) positions.add(f - imported);
        var smaller = Modules.withFunctions(module, Modules.without(module.functions(), positions),
                Modules.without(module.codes(), positions));
        return Renumber.module(smaller, Renumber.Space.FUNC, Renumber.closingGaps(imported + module.functions().size(), drop));
    }

    private static void functionRef(Instruction insn, ArrayDeque<Integer> work) {
        if (insn instanceof Instruction.Indexed x && x.opcode().immediate() == Immediate.FUNC) work.add(x.index());
    }

    static List<ConstExpr> constExprs(WasmModule module) {
        var all = new ArrayList<ConstExpr>();
        for (var g : module.globals()) all.add(g.init());
        for (var t : module.tables()) t.init().ifPresent(all::add);
        for (var e : module.elements()) {
            all.addAll(e.items());
            if (e.mode() instanceof ElementSegment.Active a) all.add(a.offset());
        }
        for (var d : module.data()) if (d.mode() instanceof flint.wasm.model.DataSegment.Active a) all.add(a.offset());
        return all;
    }
}

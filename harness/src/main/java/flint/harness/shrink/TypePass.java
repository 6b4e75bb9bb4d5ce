package flint.harness.shrink;

import flint.wasm.model.BlockType;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.Instruction;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Drops function types nothing uses any more and renumbers the rest (functions, imports, tags,
 * {@code call_indirect}, {@code call_ref}, block types). A type still in use makes the renumbering
 * dangle. Modules with typed function references ({@code (ref $t)}) are left alone: those name
 * types from inside value types, which {@link Renumber} does not rewrite.
 */
record TypePass() implements ShrinkPass.OnModule {
    @Override public String name() { return "types"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        if (module.types().size() <= 1 || mentionsConcreteTypes(module)) return module;
        int n = module.types().size();
        List<Integer> all = IntStream.range(0, n).boxed().toList();
        return Chunks.apply(module, all, drop -> Renumber.module(
                Modules.withTypes(module, Modules.without(module.types(), drop)), Renumber.Space.TYPE,
                Renumber.closingGaps(n, drop)), candidates);
    }

    static boolean mentionsConcreteTypes(WasmModule module) {
        var types = new ArrayList<ValType>();
        for (var t : module.types()) {
            types.addAll(t.params());
            types.addAll(t.results());
        }
        for (var i : module.imports()) {
            switch (i.desc()) {
                case ImportDesc.Global g -> types.add(g.type().type());
                case ImportDesc.Table t -> types.add(t.type().elementType());
                default -> { }
            }
        }
        for (var g : module.globals()) types.add(g.type().type());
        for (var t : module.tables()) types.add(t.type().elementType());
        for (var e : module.elements()) types.add(e.type());
        for (var code : Modules.codes(module)) {
            types.addAll(code.locals());
            for (var insn : code.instructions()) {
                switch (insn) {
                    case Instruction.RefNull r when r.type() instanceof ConcreteHeapType -> { return true; }
                    case Instruction.SelectTyped s -> types.addAll(s.types());
                    case Instruction.Block b when b.type() instanceof BlockType.Value(ValType t) -> types.add(t);
                    case Instruction.TryTable t when t.type() instanceof BlockType.Value(ValType v) -> types.add(v);
                    default -> { }
                }
            }
        }
        return types.stream().anyMatch(t -> t instanceof RefType r && r.heap() instanceof ConcreteHeapType);
    }
}

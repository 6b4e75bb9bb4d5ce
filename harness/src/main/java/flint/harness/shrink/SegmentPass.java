package flint.harness.shrink;

import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Drops data and element segments (renumbering {@code memory.init}, {@code data.drop},
 * {@code table.init} and {@code elem.drop}; a segment still named by one makes the candidate
 * dangle and be rejected), shortens data segments from the end, and drops single items of element
 * segments (table entries), which may let {@link CompactionPass} remove the functions they named.
 */
record SegmentPass() implements ShrinkPass.OnModule {

    /** Item {@code item} of element segment {@code segment}. */
    record Item(int segment, int item) {}

    @Override public String name() { return "segments"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        module = dropData(module, candidates);
        module = shortenData(module, candidates);
        module = dropElements(module, candidates);
        return dropItems(module, candidates);
    }

    private static WasmModule dropData(WasmModule module, Candidates candidates) {
        int n = module.data().size();
        return Chunks.apply(module, indices(n), drop -> Renumber.module(
                Modules.withData(module, Modules.without(module.data(), drop)), Renumber.Space.DATA,
                Renumber.closingGaps(n, drop)), candidates);
    }

    /** Cuts bytes off the end of each segment: half of them, then a quarter, ... down to one. */
    private static WasmModule shortenData(WasmModule module, Candidates candidates) {
        for (int s = 0; s < module.data().size() && !candidates.exhausted(); s++) {
            int cut = module.data().get(s).length();
            while (cut >= 1 && !candidates.exhausted()) {
                var segment = module.data().get(s);
                if (segment.length() == 0) break;
                cut = Math.min(cut, segment.length());
                var data = new ArrayList<>(module.data());
                data.set(s, new DataSegment(segment.mode(), Arrays.copyOf(segment.bytes(), segment.length() - cut)));
                var candidate = Modules.withData(module, data);
                if (candidates.test(candidate)) module = candidate;
                else cut /= 2;
            }
        }
        return module;
    }

    private static WasmModule dropElements(WasmModule module, Candidates candidates) {
        int n = module.elements().size();
        return Chunks.apply(module, indices(n), drop -> Renumber.module(
                Modules.withElements(module, Modules.without(module.elements(), drop)), Renumber.Space.ELEM,
                Renumber.closingGaps(n, drop)), candidates);
    }

    private static WasmModule dropItems(WasmModule module, Candidates candidates) {
        var items = new ArrayList<Item>();
        for (int s = 0; s < module.elements().size(); s++) {
            for (int i = 0; i < module.elements().get(s).items().size(); i++) items.add(new Item(s, i));
        }
        return Chunks.apply(module, items, drop -> {
            Map<Integer, java.util.Set<Integer>> bySegment = new java.util.HashMap<>();
            for (var it : drop) bySegment.computeIfAbsent(it.segment(), k -> new HashSet<>()).add(it.item());
            var elements = new ArrayList<ElementSegment>();
            for (int s = 0; s < module.elements().size(); s++) {
                var e = module.elements().get(s);
                var gone = bySegment.getOrDefault(s, java.util.Set.of());
                elements.add(new ElementSegment(e.type(), e.mode(), Modules.without(e.items(), gone)));
            }
            return Modules.withElements(module, elements);
        }, candidates);
    }

    private static List<Integer> indices(int n) {
        return IntStream.range(0, n).boxed().toList();
    }
}

package flint.compiler.microwasm;

import flint.wasm.model.ValType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels of the function being converted: declared or not, defined or not, and how many jump
 * sites reach each from before and after its definition. The converter consults it to declare
 * labels lazily and to tell whether a block's end is reached by anything but its fall-through.
 */
final class BlockTable {
    private static final class Entry {
        final List<ValType> params;
        boolean defined;
        int forward;
        int backward;

        Entry(List<ValType> params) { this.params = params; }
    }

    private final Map<Label, Entry> entries = new LinkedHashMap<>();

    void clear() { entries.clear(); }

    boolean isDeclared(Label label) { return entries.containsKey(label); }

    void declare(Label label, List<ValType> params) {
        if (entries.putIfAbsent(label, new Entry(params)) != null) throw new IllegalStateException(label + " declared twice");
    }

    void define(Label label) {
        var e = entry(label);
        if (e.defined) throw new IllegalStateException(label + " defined twice");
        e.defined = true;
    }

    /** One more jump site reaches {@code label}: forward if the label is not defined yet, else backward. */
    void recordCall(Label label) {
        var e = entry(label);
        if (e.defined) e.backward++;
        else e.forward++;
    }

    /** Jump sites so far; 0 for a label never declared. */
    int callers(Label label) {
        var e = entries.get(label);
        return e == null ? 0 : e.forward + e.backward;
    }

    List<BlockInfo> summary() {
        var out = new ArrayList<BlockInfo>(entries.size());
        entries.forEach((label, e) -> out.add(new BlockInfo(label, e.params, e.forward, e.backward)));
        return out;
    }

    private Entry entry(Label label) {
        var e = entries.get(label);
        if (e == null) throw new IllegalStateException(label + " is not declared");
        return e;
    }
}

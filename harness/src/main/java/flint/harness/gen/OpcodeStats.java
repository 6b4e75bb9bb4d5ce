package flint.harness.gen;

import flint.wasm.binary.CodeReader;
import flint.wasm.model.Opcode;
import flint.wasm.model.WasmModule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How often each opcode appears in the function bodies of a set of modules, and which opcodes of
 * the enabled features never appear: the generators' coverage table.
 */
public final class OpcodeStats {
    private final Map<Opcode, Long> counts = new EnumMap<>(Opcode.class);
    private final Map<Opcode, Integer> modulesWith = new EnumMap<>(Opcode.class);
    private int modules;
    private long instructions;

    public void add(WasmModule module) {
        modules++;
        var seen = java.util.EnumSet.noneOf(Opcode.class);
        for (var body : module.codes()) {
            var reader = new CodeReader(body);
            while (reader.hasNext()) {
                var op = reader.next().opcode();
                counts.merge(op, 1L, Long::sum);
                seen.add(op);
                instructions++;
            }
        }
        for (var op : seen) modulesWith.merge(op, 1, Integer::sum);
    }

    public long count(Opcode op) {
        return counts.getOrDefault(op, 0L);
    }

    public int modules() {
        return modules;
    }

    public long instructions() {
        return instructions;
    }

    /** The opcodes of {@code features} that never appeared. */
    public List<Opcode> missing(Set<Feature> features) {
        var out = new ArrayList<Opcode>();
        for (var op : OpCatalog.enabled(features)) if (count(op) == 0) out.add(op);
        return out;
    }

    /** A Markdown table: every enabled opcode with its count and the share of modules using it; missing ones flagged. */
    public void print(Set<Feature> features, PrintWriter out) {
        out.printf("%d modules, %d instructions%n%n", modules, instructions);
        out.println("| opcode | feature | count | modules |");
        out.println("|---|---|---:|---:|");
        for (var info : OpCatalog.all()) {
            if (!features.contains(info.feature())) continue;
            long n = count(info.op());
            out.printf("| %s | %s | %s | %d |%n", info.op().mnemonic(), info.feature().cliName(),
                    n == 0 ? "**0 — never generated**" : Long.toString(n), modulesWith.getOrDefault(info.op(), 0));
        }
        var missing = missing(features);
        out.println();
        out.println(missing.isEmpty() ? "Every opcode of the enabled features appears."
                : "Never generated (" + missing.size() + "): " + missing.stream().map(Opcode::mnemonic).toList());
        out.flush();
    }
}

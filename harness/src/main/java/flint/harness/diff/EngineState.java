package flint.harness.diff;

import flint.harness.engine.ExternType;
import flint.harness.engine.Instance;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the oracle compares between calls: the default memory (its bytes are kept to find the first
 * differing range, then dropped with the snapshot), its size, every exported global and every
 * exported table (size and per-element nullness: function references are engine handles).
 */
public record EngineState(Optional<Memory> memory, Map<String, Value> globals, Map<String, Table> tables) {

    public record Memory(long pages, byte[] bytes) {
        /** A 64-bit FNV-1a hash of the contents, for reports. */
        public long hash() {
            long h = 0xcbf29ce484222325L;
            for (byte b : bytes) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            return h;
        }
    }

    /** A table's size and, per element, whether it is null. */
    public record Table(long size, List<Boolean> nulls) {}

    static EngineState of(Instance instance) {
        var memory = instance.defaultMemory().map(m -> new Memory(m.pages(), m.readAll()));
        var globals = new LinkedHashMap<String, Value>();
        var tables = new LinkedHashMap<String, Table>();
        for (var export : instance.exports()) {
            switch (export.type()) {
                case ExternType.Global g -> globals.put(export.name(), instance.global(export.name()));
                case ExternType.Table t -> {
                    var view = instance.table(export.name());
                    var nulls = new ArrayList<Boolean>();
                    // a huge table is compared by size only: element-wise it would dominate the run
                    long size = view.size();
                    for (long i = 0; i < Math.min(size, 4096); i++) nulls.add(Values.isNullRef(view.get(i)));
                    tables.put(export.name(), new Table(size, nulls));
                }
                default -> {}
            }
        }
        return new EngineState(memory, globals, tables);
    }
}

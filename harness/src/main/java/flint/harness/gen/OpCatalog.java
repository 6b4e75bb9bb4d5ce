package flint.harness.gen;

import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The opcodes a configuration enables, indexed the ways the code builder asks: by kind (for
 * weighted choice) and by result type (to build an operand of a wanted type).
 */
public final class OpCatalog {
    private static final List<OpInfo> ALL;

    static {
        var all = new ArrayList<OpInfo>();
        for (var op : Opcode.values()) {
            var info = OpInfo.of(op);
            if (info != null) all.add(info);
        }
        ALL = List.copyOf(all);
    }

    private static final Map<Set<Feature>, OpCatalog> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<Kind, List<OpInfo>> byKind = new EnumMap<>(Kind.class);
    private final Map<ValType, List<OpInfo>> producing = new HashMap<>();
    private final Map<ValType, List<OpInfo>> binaries = new HashMap<>();
    private final Map<ValType, List<OpInfo>> loads = new HashMap<>();
    private final List<OpInfo> comparisons = new ArrayList<>();

    /** The (immutable, shared) catalog of a feature set. */
    public static OpCatalog of(Set<Feature> features) {
        return CACHE.computeIfAbsent(Set.copyOf(features), OpCatalog::new);
    }

    private OpCatalog(Set<Feature> features) {
        for (var info : ALL) {
            if (!features.contains(info.feature())) continue;
            byKind.computeIfAbsent(info.kind(), k -> new ArrayList<>()).add(info);
            // Pure value-producing operations with fixed types can build an operand of their result type.
            if (info.fixedSignature() && info.results().size() == 1 && info.op().immediate() != flint.wasm.model.Immediate.MEMARG
                    && info.op().immediate() != flint.wasm.model.Immediate.MEMARG_LANE && info.kind() != Kind.MEMORY_SIZE_GROW) {
                var t = info.results().getFirst();
                producing.computeIfAbsent(t, k -> new ArrayList<>()).add(info);
                if (info.params().size() == 2 && info.params().get(0).equals(t) && info.params().get(1).equals(t)) {
                    binaries.computeIfAbsent(t, k -> new ArrayList<>()).add(info);
                }
            }
            if (info.kind() == Kind.LOAD) loads.computeIfAbsent(info.results().getFirst(), k -> new ArrayList<>()).add(info);
            if (info.kind() == Kind.INT_COMPARE || info.kind() == Kind.FLOAT_COMPARE) comparisons.add(info);
        }
    }

    /** Operations {@code (t, t) -> t}: what combines two values of one type into one. */
    public List<OpInfo> binaries(ValType t) {
        return binaries.getOrDefault(t, List.of());
    }

    /** MVP loads producing {@code t}. */
    public List<OpInfo> loads(ValType t) {
        return loads.getOrDefault(t, List.of());
    }

    /** Integer and float comparisons. */
    public List<OpInfo> comparisons() {
        return comparisons;
    }

    /** Every opcode the generators can emit, with its info. */
    public static List<OpInfo> all() {
        return ALL;
    }

    private static final Map<Opcode, OpInfo> BY_OPCODE = new EnumMap<>(Opcode.class);

    static {
        for (var i : ALL) BY_OPCODE.put(i.op(), i);
    }

    public static OpInfo info(Opcode op) {
        return BY_OPCODE.get(op);
    }

    /** The enabled opcodes of a feature set (what the coverage table expects to see). */
    public static List<Opcode> enabled(Set<Feature> features) {
        return ALL.stream().filter(i -> features.contains(i.feature())).map(OpInfo::op).toList();
    }

    public List<OpInfo> ofKind(Kind kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    /** Fixed-signature operations without side effects or memory access that produce one {@code type}. */
    public List<OpInfo> producing(ValType type) {
        return producing.getOrDefault(type, List.of());
    }
}

package flint.harness.gen;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The Wasm features a generator may use. MVP is always on. */
public enum Feature {
    MVP("mvp"),
    SIGN_EXT("sign-ext"),
    SAT_TRUNC("sat-trunc"),
    MULTI_VALUE("multi-value"),
    BULK_MEMORY("bulk-memory"),
    REFERENCE_TYPES("reference-types"),
    SIMD("simd"),
    /** Wasm 3.0: return_call and return_call_indirect. */
    TAIL_CALL("tail-call");

    private final String cliName;

    Feature(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() { return cliName; }

    /** Wasm 2.0 without SIMD: what the reference engine (Chicory's interpreter) executes. */
    public static Set<Feature> defaults() {
        return EnumSet.of(MVP, SIGN_EXT, SAT_TRUNC, MULTI_VALUE, BULK_MEMORY, REFERENCE_TYPES);
    }

    public static Set<Feature> all() {
        return EnumSet.allOf(Feature.class);
    }

    /**
     * Parses a comma-separated list: feature names, {@code default}, {@code all}, {@code mvp};
     * {@code -name} removes one (e.g. {@code all,-simd}).
     */
    public static Set<Feature> parse(String spec) {
        var set = EnumSet.of(MVP);
        for (var raw : spec.split(",")) {
            var item = raw.strip().toLowerCase(Locale.ROOT);
            if (item.isEmpty()) continue;
            boolean remove = item.startsWith("-");
            if (remove || item.startsWith("+")) item = item.substring(1);
            Set<Feature> named = switch (item) {
                case "all" -> all();
                case "default", "2.0" -> defaults();
                default -> EnumSet.of(byName(item));
            };
            if (remove) set.removeAll(named); else set.addAll(named);
        }
        set.add(MVP);
        return set;
    }

    public static Feature byName(String name) {
        for (var f : values()) if (f.cliName.equals(name) || f.name().equalsIgnoreCase(name)) return f;
        throw new IllegalArgumentException("unknown feature '" + name + "' (known: "
                + String.join(", ", java.util.Arrays.stream(values()).map(Feature::cliName).toList()) + ")");
    }
}

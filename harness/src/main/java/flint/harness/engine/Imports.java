package flint.harness.engine;

import flint.wasm.model.FuncType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a module may import, keyed by (module, name). Immutable; build with {@link #builder()}.
 *
 * <p>Imports are offered, not demanded: entries the module does not import are ignored, and an
 * import with no entry makes instantiation fail with {@link LinkException.Kind#UNKNOWN_IMPORT}.
 *
 * <p>There are no host-made globals, memories or tables on purpose: to import one, instantiate a
 * tiny module that defines and exports it (the spectest module is built that way), so each engine
 * creates it in its own representation and no engine needs a second code path.
 */
public final class Imports {

    public static final Imports NONE = new Imports(Map.of());

    private final Map<ImportName, Extern> entries;

    private Imports(Map<ImportName, Extern> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this set's entries, to extend it. */
    public Builder toBuilder() {
        var builder = new Builder();
        builder.entries.putAll(entries);
        return builder;
    }

    public Optional<Extern> get(ImportName name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** All entries in insertion order. */
    public Map<ImportName, Extern> entries() {
        return entries;
    }

    public static final class Builder {
        private final Map<ImportName, Extern> entries = new LinkedHashMap<>();

        private Builder() {}

        /** Adds or replaces one entry. */
        public Builder add(String module, String name, Extern extern) {
            entries.put(new ImportName(module, name), Objects.requireNonNull(extern, "extern"));
            return this;
        }

        /** Adds a Java function. */
        public Builder function(String module, String name, FuncType type, HostFunction.Body body) {
            return add(module, name, new HostFunction(type, body));
        }

        /** Adds one export of {@code instance} under {@code module.name}. */
        public Builder export(String module, String name, Instance instance, String exportName) {
            return add(module, name, new InstanceExport(instance, exportName));
        }

        /**
         * Adds every export of {@code instance} under {@code module}, keeping export names: the
         * spec testsuite's {@code (register "module" $instance)}.
         */
        public Builder register(String module, Instance instance) {
            for (var export : instance.exports()) {
                export(module, export.name(), instance, export.name());
            }
            return this;
        }

        public Imports build() {
            return new Imports(entries);
        }
    }
}

package flint.wasm.text;

import flint.wasm.value.Value;

import java.util.List;
import java.util.Optional;

/** What a script does to an instance: call an export or read an exported global. */
public sealed interface Action {
    /** The instance ({@code $name}), or empty for the most recent one. */
    Optional<String> instance();

    /** The export's name. */
    String name();

    /**
     * {@code (invoke $i? "name" arg*)}. Arguments are {@link Value}s; {@code (ref.extern N)} is an
     * {@link Value.ExternRef} whose handle is the {@code Long} N, {@code (ref.host N)} one whose
     * handle is a {@link HostRef}, and null references of the GC hierarchy (any, eq, i31, struct,
     * array, none, concrete types) are {@link Value.FuncRef#NULL}, as in {@link Value#zero}.
     */
    record Invoke(Optional<String> instance, String name, List<Value> args) implements Action {
        public Invoke {
            args = List.copyOf(args);
        }
    }

    /** {@code (get $i? "name")}. */
    record Get(Optional<String> instance, String name) implements Action {}

    /** The spec interpreter's host reference {@code (ref.host N)} (GC tests only). */
    record HostRef(long id) {}
}

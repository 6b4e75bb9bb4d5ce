package flint.wasm.text;

import java.util.List;
import java.util.Optional;

/** One command of a WAST script, with the script line it starts on. */
public sealed interface Command {
    int line();

    /**
     * {@code (module $name? ...)}: define a module and instantiate it; with {@code definition}
     * ({@code (module definition $name? ...)}) only define it.
     */
    record Module(int line, Optional<String> name, ModuleSource module, boolean definition) implements Command {}

    /** {@code (module instance $instance? $definition?)}. */
    record Instance(int line, Optional<String> instance, Optional<String> definition) implements Command {}

    /** {@code (register "as" $instance?)}: make an instance's exports importable under a module name. */
    record Register(int line, String as, Optional<String> instance) implements Command {}

    /** A bare {@code (invoke ...)} or {@code (get ...)}. */
    record Perform(int line, Action action) implements Command {}

    record AssertReturn(int line, Action action, List<Expected> results) implements Command {
        public AssertReturn {
            results = List.copyOf(results);
        }
    }

    /** {@code (assert_trap action "message")}. */
    record AssertTrap(int line, Action action, String message) implements Command {}

    record AssertExhaustion(int line, Action action, String message) implements Command {}

    /** {@code (assert_exception action)}: the action throws a Wasm exception. */
    record AssertException(int line, Action action) implements Command {}

    record AssertInvalid(int line, ModuleSource module, String message) implements Command {}

    record AssertMalformed(int line, ModuleSource module, String message) implements Command {}

    record AssertUnlinkable(int line, ModuleSource module, String message) implements Command {}

    /**
     * {@code (assert_trap (module ...) "message")} and {@code (assert_uninstantiable ...)}:
     * instantiation fails, typically because the start function traps.
     */
    record AssertUninstantiable(int line, ModuleSource module, String message) implements Command {}

    /** {@code assert_malformed_custom}: a custom section (annotation) is malformed. */
    record AssertMalformedCustom(int line, ModuleSource module, String message) implements Command {}

    /** {@code assert_invalid_custom}: a custom section is well-formed but invalid. */
    record AssertInvalidCustom(int line, ModuleSource module, String message) implements Command {}
}

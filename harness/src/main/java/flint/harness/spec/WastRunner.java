package flint.harness.spec;

import flint.harness.engine.Engine;
import flint.harness.engine.EngineException;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.Imports;
import flint.harness.engine.Instance;
import flint.harness.engine.LinkException;
import flint.harness.engine.ModuleException;
import flint.harness.engine.Trap;
import flint.harness.engine.TrapKind;
import flint.harness.engine.UncaughtWasmException;
import flint.wasm.WasmException;
import flint.wasm.text.Action;
import flint.wasm.text.Command;
import flint.wasm.text.ModuleSource;
import flint.wasm.text.TextParseException;
import flint.wasm.text.WastParser;
import flint.wasm.text.WastScript;
import flint.wasm.value.Value;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the commands of one {@code .wast} script on one {@link SpecTarget} and reports a
 * {@link CommandResult} per command. The script's state (named instances and definitions, the
 * current instance, registered modules) lives in one runner; make a new runner per script.
 */
public final class WastRunner {
    private final SpecTarget target;
    private final Engine engine;
    private final String file;
    private final Map<String, Instance> instances = new HashMap<>();
    private final Map<String, byte[]> definitions = new HashMap<>();
    private byte[] lastDefinition;
    private Instance current;
    private String currentFailure = "no module was instantiated yet";
    /** Whether the current module was skipped (unsupported), so commands on it are skipped too. */
    private boolean currentSkipped;
    private Imports registered = Imports.NONE;

    private WastRunner(SpecTarget target, String file) {
        this.target = target;
        this.engine = target.engines().get();
        this.file = file;
    }

    /** Parses and runs a testsuite file. A script that does not parse is one failed command. */
    public static List<CommandResult> run(SpecTarget target, Testsuite.SuiteFile suiteFile) {
        WastScript script;
        try {
            // Parse with the suite-relative name, so messages (and baselines) never name a local path.
            script = WastParser.parse(java.nio.file.Files.readString(suiteFile.path()), suiteFile.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (WasmException e) {
            return List.of(new CommandResult(suiteFile.name(), 0, 1, "script", Outcome.FAIL,
                    "the script does not parse: " + e.getMessage()));
        }
        return new WastRunner(target, suiteFile.name()).runAll(script);
    }

    private List<CommandResult> runAll(WastScript script) {
        if (target.executes()) {
            try {
                registered = Imports.builder().register("spectest", SpecTestHost.instantiate(engine)).build();
            } catch (EngineException e) {
                currentFailure = "the spectest host module failed on this engine: " + e.getMessage();
            }
        }
        var results = new ArrayList<CommandResult>();
        var commands = script.commands();
        for (int i = 0; i < commands.size(); i++) {
            var command = commands.get(i);
            Verdict verdict;
            try {
                verdict = execute(command);
            } catch (StackOverflowError e) {
                verdict = Verdict.fail("the runner overflowed the Java stack");
            } catch (RuntimeException e) {
                verdict = Verdict.fail("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (verdict != null) {
                results.add(new CommandResult(file, i, command.line(), kindOf(command), verdict.outcome, verdict.detail));
            }
        }
        return results;
    }

    /** A command's outcome; null from {@link #execute} means the command is not this target's to check. */
    private record Verdict(Outcome outcome, String detail) {
        static final Verdict PASS = new Verdict(Outcome.PASS, "");

        static Verdict fail(String detail) { return new Verdict(Outcome.FAIL, detail); }

        static Verdict skip(String detail) { return new Verdict(Outcome.SKIP, detail); }
    }

    private Verdict execute(Command command) {
        return switch (command) {
            case Command.Module m -> module(m);
            case Command.Instance i -> instance(i);
            case Command.Register r -> register(r);
            case Command.Perform p -> target.executes() ? perform(p.action()) : null;
            case Command.AssertReturn a -> target.executes() ? assertReturn(a) : null;
            case Command.AssertTrap t -> target.executes() ? assertTrap(t.action(), t.message()) : null;
            case Command.AssertExhaustion e -> target.executes() ? assertTrap(e.action(), e.message()) : null;
            case Command.AssertException e -> target.executes() ? assertException(e.action()) : null;
            case Command.AssertInvalid a -> assertRejected(a.module(), a.message(), ModuleException.Kind.INVALID);
            case Command.AssertMalformed a -> assertRejected(a.module(), a.message(), ModuleException.Kind.MALFORMED);
            case Command.AssertUnlinkable a -> assertUnlinkable(a.module(), a.message());
            case Command.AssertUninstantiable a -> assertUninstantiable(a.module(), a.message());
            case Command.AssertMalformedCustom a ->
                    Verdict.skip("custom-section annotations are not interpreted by Flint");
            case Command.AssertInvalidCustom a ->
                    Verdict.skip("custom-section annotations are not interpreted by Flint");
        };
    }

    // ---- modules -------------------------------------------------------------------------------

    private Verdict module(Command.Module m) {
        byte[] bytes;
        try {
            bytes = binaryOf(m.module());
        } catch (UnsupportedSource e) {
            current = null;
            currentFailure = e.getMessage();
            currentSkipped = true;
            return Verdict.skip(e.getMessage());
        } catch (WasmException e) {
            current = null;
            currentFailure = "the module did not parse: " + e.getMessage();
            currentSkipped = false;
            return Verdict.fail(currentFailure);
        }
        if (m.definition()) {
            lastDefinition = bytes;
            m.name().ifPresent(n -> definitions.put(n, bytes));
            return target.executes() ? Verdict.PASS : validateOnly(bytes);
        }
        return instantiateAsCurrent(bytes, m.name());
    }

    private Verdict instance(Command.Instance i) {
        byte[] bytes = i.definition().map(definitions::get).orElse(lastDefinition);
        if (bytes == null) return Verdict.fail("no module definition " + i.definition().orElse("(latest)"));
        if (!target.executes()) return null;
        return instantiateAsCurrent(bytes, i.instance());
    }

    private Verdict instantiateAsCurrent(byte[] bytes, Optional<String> name) {
        currentSkipped = false;
        try {
            var instance = engine.instantiate(bytes, registered);
            current = instance;
            name.ifPresent(n -> instances.put(n, instance));
            return Verdict.PASS;
        } catch (EngineException e) {
            current = null;
            currentFailure = "the module failed to instantiate: " + describe(e);
            currentSkipped = e instanceof EngineFailure;
            name.ifPresent(instances::remove);
            return failOrSkip(e, currentFailure);
        }
    }

    private Verdict validateOnly(byte[] bytes) {
        try {
            engine.instantiate(bytes, Imports.NONE);
            return Verdict.PASS;
        } catch (EngineException e) {
            return failOrSkip(e, "a valid module was rejected: " + describe(e));
        }
    }

    private Verdict register(Command.Register r) {
        if (!target.executes()) return null;
        var instance = r.instance().map(instances::get).orElse(current);
        if (instance == null) return noInstance("nothing to register: " + currentFailure);
        registered = registered.toBuilder().register(r.as(), instance).build();
        return Verdict.PASS;
    }

    private Verdict assertRejected(ModuleSource source, String expected, ModuleException.Kind kind) {
        byte[] bytes;
        try {
            bytes = binaryOf(source);
        } catch (UnsupportedSource e) {
            return Verdict.skip(e.getMessage());
        } catch (TextParseException e) {
            // The text parser rejecting the module is the expected outcome when its wording matches.
            return messageMatches(e.getMessage(), expected) || !target.exactMessages()
                    ? Verdict.PASS
                    : Verdict.fail("rejected by the text parser with '" + e.getMessage() + "', expected '" + expected + "'");
        } catch (WasmException e) {
            return messageMatches(e.getMessage(), expected) || !target.exactMessages()
                    ? Verdict.PASS : Verdict.fail("rejected with '" + e.getMessage() + "', expected '" + expected + "'");
        }
        try {
            engine.instantiate(bytes, registered);
            return Verdict.fail("the module was accepted, expected " + kind.name().toLowerCase() + ": '" + expected + "'");
        } catch (ModuleException e) {
            if (!target.exactMessages()) return Verdict.PASS;
            if (e.kind() != kind) {
                return Verdict.fail("rejected as " + e.kind().name().toLowerCase() + " ('" + e.getMessage()
                        + "'), expected " + kind.name().toLowerCase() + ": '" + expected + "'");
            }
            return messageMatches(e.getMessage(), expected)
                    ? Verdict.PASS
                    : Verdict.fail("message '" + e.getMessage() + "', expected '" + expected + "'");
        } catch (EngineException e) {
            return failOrSkip(e, "expected " + kind.name().toLowerCase() + " '" + expected + "', got " + describe(e));
        }
    }

    private Verdict assertUnlinkable(ModuleSource source, String expected) {
        var prepared = prepare(source);
        if (prepared.early() != null) return prepared.early();
        var bytes = prepared.bytes();
        if (!target.executes()) return validateOnly(bytes);
        try {
            engine.instantiate(bytes, registered);
            return Verdict.fail("the module linked, expected '" + expected + "'");
        } catch (LinkException e) {
            return !target.exactMessages() || messageMatches(e.getMessage(), expected)
                    ? Verdict.PASS : Verdict.fail("link error '" + e.getMessage() + "', expected '" + expected + "'");
        } catch (EngineException e) {
            return failOrSkip(e, "expected link error '" + expected + "', got " + describe(e));
        }
    }

    private Verdict assertUninstantiable(ModuleSource source, String expected) {
        var prepared = prepare(source);
        if (prepared.early() != null) return prepared.early();
        var bytes = prepared.bytes();
        if (!target.executes()) return validateOnly(bytes);
        try {
            engine.instantiate(bytes, registered);
            return Verdict.fail("the module instantiated, expected trap '" + expected + "'");
        } catch (Trap e) {
            return trapMatches(e, expected) ? Verdict.PASS
                    : Verdict.fail("trapped with '" + e.getMessage() + "', expected '" + expected + "'");
        } catch (UncaughtWasmException e) {
            return Verdict.fail("threw an uncaught exception, expected trap '" + expected + "'");
        } catch (EngineException e) {
            return failOrSkip(e, "expected trap '" + expected + "', got " + describe(e));
        }
    }

    /** A module's bytes, or the verdict when there are none (unsupported: skip; unparsable: fail). */
    private record Prepared(byte[] bytes, Verdict early) {}

    private Prepared prepare(ModuleSource source) {
        try {
            return new Prepared(binaryOf(source), null);
        } catch (UnsupportedSource e) {
            return new Prepared(null, Verdict.skip(e.getMessage()));
        } catch (WasmException e) {
            return new Prepared(null, Verdict.fail("the module did not parse: " + e.getMessage()));
        }
    }

    // ---- actions -------------------------------------------------------------------------------

    /** The outcome of an action: values, or the exception that ended it. */
    private record ActionResult(List<Value> values, EngineException failure) {}

    private ActionResult act(Action action) {
        var instance = action.instance().map(instances::get).orElse(current);
        if (instance == null) {
            var why = action.instance().isPresent() && current != null
                    ? "no instance named " + action.instance().get() : currentFailure;
            throw new NoInstance(why);
        }
        try {
            return switch (action) {
                case Action.Invoke inv -> new ActionResult(instance.call(inv.name(), inv.args()), null);
                case Action.Get get -> new ActionResult(List.of(instance.global(get.name())), null);
            };
        } catch (EngineException e) {
            return new ActionResult(null, e);
        }
    }

    private Verdict perform(Action action) {
        try {
            var r = act(action);
            return r.failure == null ? Verdict.PASS : failOrSkip(r.failure, "the action failed: " + describe(r.failure));
        } catch (NoInstance e) {
            return noInstance(e.getMessage());
        }
    }

    private Verdict assertReturn(Command.AssertReturn a) {
        try {
            var r = act(a.action());
            if (r.failure != null) return failOrSkip(r.failure, "expected a return, got " + describe(r.failure));
            var mismatch = ResultMatcher.mismatch(a.results(), r.values);
            return mismatch == null ? Verdict.PASS : Verdict.fail(mismatch);
        } catch (NoInstance e) {
            return noInstance(e.getMessage());
        } catch (IllegalArgumentException e) {
            return Verdict.fail("the engine refused the call: " + e.getMessage());
        }
    }

    private Verdict assertTrap(Action action, String expected) {
        try {
            var r = act(action);
            if (r.failure == null) return Verdict.fail("returned " + r.values + ", expected trap '" + expected + "'");
            if (r.failure instanceof Trap t) {
                return trapMatches(t, expected) ? Verdict.PASS
                        : Verdict.fail("trapped with '" + t.getMessage() + "', expected '" + expected + "'");
            }
            return failOrSkip(r.failure, "expected trap '" + expected + "', got " + describe(r.failure));
        } catch (NoInstance e) {
            return noInstance(e.getMessage());
        } catch (IllegalArgumentException e) {
            return Verdict.fail("the engine refused the call: " + e.getMessage());
        }
    }

    private Verdict assertException(Action action) {
        try {
            var r = act(action);
            if (r.failure == null) return Verdict.fail("returned " + r.values + ", expected an uncaught exception");
            return r.failure instanceof UncaughtWasmException ? Verdict.PASS
                    : failOrSkip(r.failure, "expected an uncaught exception, got " + describe(r.failure));
        } catch (NoInstance e) {
            return noInstance(e.getMessage());
        }
    }

    private static boolean trapMatches(Trap trap, String expected) {
        return TrapKind.fromSpecMessage(expected).map(k -> k == trap.kind())
                .orElseGet(() -> trap.getMessage().startsWith(expected));
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** The binary of a script module; modules the text format or decoder does not support yet are skipped. */
    private byte[] binaryOf(ModuleSource source) {
        if (source instanceof ModuleSource.Instance inst) {
            var bytes = inst.definition().map(definitions::get).orElse(lastDefinition);
            if (bytes == null) throw new WasmException("no module definition " + inst.definition().orElse("(latest)"));
            return bytes;
        }
        try {
            return source.binary();
        } catch (flint.wasm.text.UnsupportedFeatureException | flint.wasm.binary.UnsupportedFeatureException e) {
            throw new UnsupportedSource("not supported by Flint's front end yet: " + e.getMessage());
        }
    }

    /** A command on a module that failed fails with it; on a module that was skipped it is skipped. */
    private Verdict noInstance(String why) {
        return currentSkipped ? Verdict.skip(why) : Verdict.fail(why);
    }

    /** An engine that cannot handle a feature skips; every other failure fails. */
    private static Verdict failOrSkip(EngineException e, String detail) {
        return e instanceof EngineFailure ? Verdict.skip("engine failure: " + e.getMessage()) : Verdict.fail(detail);
    }

    private static boolean messageMatches(String actual, String expected) {
        return actual != null && actual.startsWith(expected);
    }

    private static String describe(EngineException e) {
        var kind = switch (e) {
            case Trap t -> "trap";
            case LinkException l -> "link error";
            case ModuleException m -> m.kind().name().toLowerCase();
            case UncaughtWasmException u -> "uncaught exception";
            case EngineFailure f -> "engine failure";
        };
        var detail = e.detail() != null && !e.detail().equals(e.getMessage()) ? " (" + e.detail() + ")" : "";
        return kind + " '" + e.getMessage() + "'" + detail;
    }

    static String kindOf(Command c) {
        return switch (c) {
            case Command.Module m -> "module";
            case Command.Instance i -> "module instance";
            case Command.Register r -> "register";
            case Command.Perform p -> p.action() instanceof Action.Get ? "get" : "invoke";
            case Command.AssertReturn a -> "assert_return";
            case Command.AssertTrap t -> "assert_trap";
            case Command.AssertExhaustion e -> "assert_exhaustion";
            case Command.AssertException e -> "assert_exception";
            case Command.AssertInvalid a -> "assert_invalid";
            case Command.AssertMalformed a -> "assert_malformed";
            case Command.AssertUnlinkable a -> "assert_unlinkable";
            case Command.AssertUninstantiable a -> "assert_uninstantiable";
            case Command.AssertMalformedCustom a -> "assert_malformed_custom";
            case Command.AssertInvalidCustom a -> "assert_invalid_custom";
        };
    }

    private static final class NoInstance extends RuntimeException {
        NoInstance(String why) { super("no instance to act on: " + why); }
    }

    private static final class UnsupportedSource extends RuntimeException {
        UnsupportedSource(String why) { super(why); }
    }
}

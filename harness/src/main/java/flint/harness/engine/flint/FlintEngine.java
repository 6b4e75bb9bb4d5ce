package flint.harness.engine.flint;

import flint.compiler.CompiledModule;
import flint.harness.engine.Engine;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.Extern;
import flint.harness.engine.HostFunction;
import flint.harness.engine.ImportName;
import flint.harness.engine.Imports;
import flint.harness.engine.Instance;
import flint.harness.engine.InstanceExport;
import flint.harness.engine.ModuleException;
import flint.harness.engine.Signatures;
import flint.harness.engine.Trap;
import flint.harness.engine.frontend.FrontEndEngine;
import flint.runtime.ImportResolver;
import flint.runtime.NativeInstance;
import flint.runtime.NativeModule;
import flint.runtime.NativeStore;
import flint.runtime.exec.TrapCode;
import flint.runtime.exec.TrapException;
import flint.wasm.model.WasmModule;
import flint.wasm.value.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Flint's own engine: modules decoded and validated by Flint's front end, compiled to x86-64, and
 * run natively by the runtime.
 *
 * <p>The compiler is a constructor argument, so tests can plug in hand-assembled modules until the
 * backend exists. Each engine object is one {@link NativeStore}: its instances may import from each
 * other, share one Wasm thread, and are interrupted together.
 */
public final class FlintEngine implements Engine {

    public static final String NAME = "flint";

    private final Function<WasmModule, CompiledModule> compiler;
    private final NativeStore store;
    /** One runtime function (and so one upcall stub) per harness host function; guarded by itself. */
    private final Map<HostFunction, flint.runtime.HostFunction> hostFunctions = new HashMap<>();

    /**
     * An engine that compiles with {@code compiler} and runs on a store with default settings. The
     * engine only decodes: the compiler validates (as {@link flint.compiler.NativeCompiler} does,
     * in lockstep with its conversion) and throws InvalidModuleException for an invalid module.
     */
    public FlintEngine(Function<WasmModule, CompiledModule> compiler) {
        this(compiler, NativeStore.Config.defaults());
    }

    public FlintEngine(Function<WasmModule, CompiledModule> compiler, NativeStore.Config config) {
        this.compiler = Objects.requireNonNull(compiler, "compiler");
        this.store = NativeStore.create(config);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Instance instantiate(byte[] bytes, Imports imports) {
        // The compiler validates every body in lockstep with its conversion, so only decoding comes first.
        var module = FrontEndEngine.decode(bytes);
        CompiledModule compiled;
        try {
            compiled = Objects.requireNonNull(compiler.apply(module), "the compiler returned null");
        } catch (flint.wasm.validate.InvalidModuleException e) {
            throw new ModuleException(ModuleException.Kind.INVALID, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new EngineFailure("compilation failed: " + e.getMessage(), e);
        }
        try (var loaded = NativeModule.load(compiled)) {
            return new FlintInstance(this, NativeInstance.instantiate(store, loaded, resolver(imports)));
        } catch (IllegalArgumentException e) {
            throw e; // an import of another engine, a host function type we cannot express
        } catch (RuntimeException e) {
            throw FlintFailures.translate(e, compiled); // the start function may be a stub
        }
    }

    /** Converts an offered import when the module asks for it, so entries it does not import are ignored. */
    private ImportResolver resolver(Imports imports) {
        return imp -> {
            var name = new ImportName(imp.module(), imp.name());
            return imports.get(name).map(extern -> toRuntime(name, extern));
        };
    }

    private flint.runtime.Extern toRuntime(ImportName name, Extern extern) {
        return switch (extern) {
            case HostFunction host -> {
                synchronized (hostFunctions) {
                    yield hostFunctions.computeIfAbsent(host, h -> hostFunction(name, h));
                }
            }
            case InstanceExport export -> {
                if (!(export.instance() instanceof FlintInstance source) || source.engine() != this) {
                    throw new IllegalArgumentException("import " + name + " comes from an instance of "
                            + export.instance().engine().name() + ", not of this " + NAME + " engine");
                }
                yield source.runtime().export(export.exportName()).orElseThrow();
            }
        };
    }

    /**
     * A harness host function as a runtime one: a {@link Trap} it throws traps with that kind;
     * other exceptions and wrong results become host errors naming the import; a Java stack
     * overflow in it is call stack exhaustion, as for the other engines.
     */
    private static flint.runtime.HostFunction hostFunction(ImportName name, HostFunction host) {
        var results = host.type().results();
        return new flint.runtime.HostFunction(name.toString(), host.type(), args -> {
            List<Value> returned;
            try {
                returned = host.body().call(args);
            } catch (Trap trap) {
                throw FlintFailures.toRuntime(trap);
            } catch (StackOverflowError e) {
                throw new TrapException(TrapCode.CALL_STACK_EXHAUSTED, "stack overflow in host function " + name);
            } catch (RuntimeException | Error e) {
                throw new HostCallFailure("host function " + name + " threw " + e, e);
            }
            var mismatch = Signatures.resultMismatch(results, returned);
            if (mismatch != null) {
                throw new HostCallFailure("host function " + name + " " + mismatch, null);
            }
            return returned;
        });
    }

    /** The engine's store, for tools that need the runtime underneath. */
    public NativeStore store() {
        return store;
    }

    @Override
    public String toString() {
        return NAME + " " + store;
    }
}

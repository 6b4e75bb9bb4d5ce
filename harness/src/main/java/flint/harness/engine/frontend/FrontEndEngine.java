package flint.harness.engine.frontend;

import flint.harness.engine.Engine;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.Imports;
import flint.harness.engine.Instance;
import flint.harness.engine.ModuleException;
import flint.wasm.binary.MalformedModuleException;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.InvalidModuleException;
import flint.wasm.validate.Validator;

/**
 * Flint's own front end (decoder and validator) as an engine that checks modules but does not run
 * them: the spec gate uses it to hold our malformed/invalid verdicts and wording to the testsuite.
 */
public final class FrontEndEngine implements Engine {
    public static final String NAME = "frontend";

    @Override public String name() { return NAME; }

    /** Decodes and validates; the result is an instance that describes its exports but cannot run. */
    @Override public Instance instantiate(byte[] module, Imports imports) {
        return new ValidatedInstance(this, check(module));
    }

    /** Decodes and validates, reporting failures as the engine interface does. */
    public static WasmModule check(byte[] bytes) {
        var module = decode(bytes);
        try {
            Validator.validate(module);
        } catch (InvalidModuleException e) {
            throw new ModuleException(ModuleException.Kind.INVALID, e.getMessage(), e);
        }
        return module;
    }

    /**
     * Decodes (every body is syntax-checked, so a malformed module is reported as malformed even
     * when an earlier function is also invalid), reporting failures as the engine interface does.
     */
    public static WasmModule decode(byte[] bytes) {
        try {
            return ModuleDecoder.decode(bytes);
        } catch (MalformedModuleException e) {
            throw new ModuleException(ModuleException.Kind.MALFORMED, e.getMessage(), e);
        } catch (flint.wasm.WasmException e) {
            throw new EngineFailure(e.getMessage(), e);
        }
    }
}

package flint.harness.engine.microwasm;

import flint.compiler.microwasm.MicrowasmModule;
import flint.harness.engine.Engine;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.Imports;
import flint.harness.engine.Instance;
import flint.harness.engine.ModuleException;
import flint.wasm.WasmException;
import flint.wasm.binary.MalformedModuleException;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.InvalidModuleException;

/**
 * Flint's decoder, validator and Microwasm converter, with the Microwasm interpreter running the
 * converted code: a differential oracle that separates converter bugs from backend bugs (see
 * {@link flint.compiler.microwasm.interp.Interpreter}).
 *
 * <p>Instantiation converts every function. One the native compiler cannot handle yet does not
 * fail the module; calling it fails with an {@link EngineFailure} ("f32.add is not supported by
 * the native compiler yet ..."), so that the rest of the module can still be tested.
 */
public final class MicrowasmEngine implements Engine {
    public static final String NAME = "microwasm";

    private final ImportLinker linker = new ImportLinker(this);

    @Override public String name() { return NAME; }

    @Override public Instance instantiate(byte[] bytes, Imports imports) {
        var converted = convert(decode(bytes));
        var instance = new MicrowasmInstance(this, converted, linker.link(converted.module(), imports));
        instance.initialize();
        return instance;
    }

    private static WasmModule decode(byte[] bytes) {
        try {
            return ModuleDecoder.decode(bytes);
        } catch (flint.wasm.binary.UnsupportedFeatureException e) {
            throw new EngineFailure(e.getMessage(), e);
        } catch (MalformedModuleException e) {
            throw new ModuleException(ModuleException.Kind.MALFORMED, e.getMessage(), e);
        } catch (WasmException e) {
            throw new EngineFailure(e.getMessage(), e);
        }
    }

    private static MicrowasmModule convert(WasmModule module) {
        try {
            return MicrowasmModule.convert(module);
        } catch (InvalidModuleException e) {
            throw new ModuleException(ModuleException.Kind.INVALID, e.getMessage(), e);
        } catch (MalformedModuleException e) {
            throw new ModuleException(ModuleException.Kind.MALFORMED, e.getMessage(), e);
        } catch (WasmException e) {
            throw new EngineFailure(e.getMessage(), e);
        }
    }

    @Override public String toString() { return NAME; }
}

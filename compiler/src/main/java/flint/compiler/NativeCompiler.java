package flint.compiler;

import flint.compiler.driver.BackendDriver;
import flint.compiler.microwasm.FunctionHeader;
import flint.compiler.microwasm.MicroOp;
import flint.compiler.microwasm.MicrowasmConverter;
import flint.compiler.microwasm.MicrowasmSink;
import flint.compiler.microwasm.UnsupportedFeatureException;
import flint.compiler.x64.X64Backend;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.InvalidModuleException;
import flint.wasm.validate.Validator;
import java.util.Objects;

/**
 * The native compiler's entry point: Wasm module → {@link CompiledModule}, in one streaming pass
 * per function (decode → validate and convert to Microwasm → backend driver → x86-64), with no
 * whole-function intermediate form.
 *
 * <p>Errors: an invalid module throws the validator's {@link InvalidModuleException}, a malformed
 * body the decoder's exception; valid code that this stage of the compiler cannot translate yet
 * (floating point, tables, bulk memory, reference types, ...) throws
 * {@link UnsupportedFeatureException} — but only once every function has been validated, so that
 * an invalid module is always reported as invalid.
 */
public final class NativeCompiler {

    private NativeCompiler() {}

    /** Compiles {@code module} for the machine we are running on. */
    public static CompiledModule compile(WasmModule module) {
        return compile(module, null);
    }

    /**
     * Compiles {@code module}, telling {@code listing} (if not null) where each operator's code
     * starts, for disassembly listings.
     */
    public static CompiledModule compile(WasmModule module, X64Backend.Listing listing) {
        Objects.requireNonNull(module, "module");
        var context = Validator.validateModule(module);
        if (module.functions().size() != module.codes().size()) {
            throw new InvalidModuleException("function and code section have inconsistent lengths",
                    module.functions().size() + " functions, " + module.codes().size() + " bodies");
        }
        var builder = new CompiledModuleBuilder(module);
        var driver = new BackendDriver<>(new X64Backend(builder, listing));
        var converter = new MicrowasmConverter(context);
        int first = context.importedFunctionCount();
        UnsupportedFeatureException unsupported = null;
        for (int i = 0; i < module.codes().size(); i++) {
            int index = first + i;
            var body = module.codes().get(i);
            if (unsupported != null) {
                converter.convert(index, body, NO_OUTPUT); // validation only
                continue;
            }
            builder.beginFunction(index);
            try {
                converter.convert(index, body, driver);
            } catch (UnsupportedFeatureException e) {
                unsupported = e;
                continue;
            }
            builder.endFunction();
        }
        if (unsupported != null) throw unsupported;
        return builder.finish();
    }

    private static final MicrowasmSink NO_OUTPUT = new MicrowasmSink() {
        @Override public void beginFunction(FunctionHeader header) {}

        @Override public void op(MicroOp op) {}
    };
}

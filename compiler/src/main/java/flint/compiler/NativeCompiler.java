package flint.compiler;

import flint.compiler.driver.BackendDriver;
import flint.compiler.microwasm.FunctionHeader;
import flint.compiler.microwasm.MicroOp;
import flint.compiler.microwasm.MicrowasmConverter;
import flint.compiler.microwasm.MicrowasmSink;
import flint.compiler.microwasm.UnsupportedFeatureException;
import flint.compiler.x64.X64Backend;
import flint.wasm.model.ExternKind;
import flint.wasm.model.WasmModule;
import java.util.List;
import flint.wasm.validate.InvalidModuleException;
import flint.wasm.validate.Validator;
import java.util.Objects;

/**
 * The native compiler's entry point: Wasm module → {@link CompiledModule}, in one streaming pass
 * per function (decode → validate and convert to Microwasm → backend driver → x86-64), with no
 * whole-function intermediate form.
 *
 * <p>Errors: an invalid module throws the validator's {@link InvalidModuleException}, a malformed
 * body the decoder's exception. A valid function that this stage of the compiler cannot translate
 * yet (SIMD, typed function references, memory64, multiple memories, ...) becomes a stub that traps with
 * {@link WasmTrap#UNSUPPORTED}, and {@link CompiledModule#unsupported()} says why: the rest of the
 * module runs, and calling the stub is reported as a missing feature, never as a result.
 *
 * <p>A function is converted once without output to learn whether it is supported (the backend
 * cannot take back half a function), then again into the backend; conversion (decode, validate,
 * Microwasm) is the cheap part of compilation.
 *
 * <p>Float rounding ({@code ceil}, {@code floor}, {@code trunc}, {@code nearest}) needs SSE4.1's
 * {@code roundss}/{@code roundsd}: on a CPU without it the assembler refuses them with an
 * {@link UnsupportedOperationException} naming the feature.
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
        return compile(module, listing, java.util.Set.of());
    }

    /**
     * Compiles {@code module} with {@code seededBugs} miscompiled on purpose: only to measure the
     * differential harness (see {@link SeededBug}).
     */
    public static CompiledModule compile(WasmModule module, X64Backend.Listing listing, java.util.Set<SeededBug> seededBugs) {
        Objects.requireNonNull(module, "module");
        var context = Validator.validateModule(module);
        if (module.functions().size() != module.codes().size()) {
            throw new InvalidModuleException("function and code section have inconsistent lengths",
                    module.functions().size() + " functions, " + module.codes().size() + " bodies");
        }
        var builder = new CompiledModuleBuilder(module);
        builder.seedBugs(seededBugs);
        var driver = new BackendDriver<>(new X64Backend(builder, listing));
        var converter = new MicrowasmConverter(context);
        int first = context.importedFunctionCount();
        for (int i = 0; i < module.codes().size(); i++) {
            int index = first + i;
            var body = module.codes().get(i);
            try {
                converter.convert(index, body, NO_OUTPUT);
            } catch (UnsupportedFeatureException e) {
                builder.stubUnsupported(index, e);
                continue;
            }
            builder.beginFunction(index);
            converter.convert(index, body, driver);
            builder.endFunction();
        }
        return builder.finish();
    }

    private static final MicrowasmSink NO_OUTPUT = new MicrowasmSink() {
        @Override public void beginFunction(FunctionHeader header) {}

        @Override public void op(MicroOp op) {}
    };
}

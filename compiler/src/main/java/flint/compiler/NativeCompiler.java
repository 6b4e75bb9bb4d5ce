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
 * body the decoder's exception; valid code that this stage of the compiler cannot translate yet
 * (tables, bulk memory, reference types, SIMD, ...) throws
 * {@link UnsupportedFeatureException} — but only once every function has been validated, so that
 * an invalid module is always reported as invalid. Float rounding ({@code ceil}, {@code floor},
 * {@code trunc}, {@code nearest}) needs SSE4.1's {@code roundss}/{@code roundsd}: on a CPU without
 * it the assembler refuses them with an {@link UnsupportedOperationException} naming the feature.
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
        return compile(module, listing, false);
    }

    /**
     * For tests only: compiles what this stage supports and replaces each function it does not
     * with a stub that traps with {@link WasmTrap#HOST_ERROR} ("host error"), so that the
     * supported functions of a module can run. Never use it to answer a user: a stub is a wrong
     * answer.
     */
    public static CompiledModule compilePartially(WasmModule module) {
        var c = compile(module, null, true);
        // Without call_indirect nothing reads tables: drop them so the runtime accepts the module.
        var m = c.module();
        var withoutTables = new WasmModule(m.types(),
                m.imports().stream().filter(i -> i.desc().kind() != ExternKind.TABLE).toList(), m.functions(), List.of(),
                m.memories(), m.tags(), m.globals(), m.exports().stream().filter(e -> e.kind() != ExternKind.TABLE).toList(),
                m.start(), List.of(), m.dataCount(), m.codes(), m.data(), m.customs());
        var code = c.code();
        return new CompiledModule(withoutTables, code, c.functions(), c.relocations(), c.trapSites());
    }

    private static CompiledModule compile(WasmModule module, X64Backend.Listing listing, boolean stubUnsupported) {
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
            if (stubUnsupported) {
                try {
                    converter.convert(index, body, NO_OUTPUT);
                } catch (UnsupportedFeatureException e) {
                    builder.beginFunction(index);
                    AbiSequences.trap(builder.asm(), WasmTrap.HOST_ERROR);
                    builder.endFunction();
                    continue;
                }
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

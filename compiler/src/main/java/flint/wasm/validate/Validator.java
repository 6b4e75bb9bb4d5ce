package flint.wasm.validate;

import flint.wasm.binary.CodeReader;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.WasmModule;

/**
 * The validator's entry points: a whole module, the module level alone (for consumers that then
 * validate each body in lockstep with their own pass, see {@link FunctionValidator}), or one body.
 * Each throws an {@link InvalidModuleException} at the first rule broken; reading a body's code can
 * also throw the decoder's {@code MalformedModuleException} for code that was never syntax-checked.
 */
public final class Validator {
    private Validator() {}

    /** Validates the module level and every function body. */
    public static ModuleContext validate(WasmModule module) {
        var ctx = validateModule(module);
        if (module.functions().size() != module.codes().size()) {
            throw new InvalidModuleException("function and code section have inconsistent lengths",
                    module.functions().size() + " functions, " + module.codes().size() + " bodies");
        }
        var fv = new FunctionValidator(ctx);
        int first = ctx.importedFunctionCount();
        for (int i = 0; i < module.codes().size(); i++) validateFunction(fv, first + i, module.codes().get(i));
        return ctx;
    }

    /**
     * Validates everything but the function bodies and returns the context to validate the bodies
     * with: types, imports, function declarations, tables, memories, tags, globals, element and
     * data segments, the start function and exports.
     */
    public static ModuleContext validateModule(WasmModule module) {
        return ModuleValidator.validate(module);
    }

    /** Validates one body (of function {@code functionIndex}, imports first) by reading its code. */
    public static void validateFunction(FunctionValidator validator, int functionIndex, FunctionBody body) {
        validator.begin(functionIndex, body);
        var reader = new CodeReader(body);
        while (reader.hasNext()) {
            int offset = reader.offset();
            validator.validate(reader.next(), offset);
        }
        validator.finish();
    }
}

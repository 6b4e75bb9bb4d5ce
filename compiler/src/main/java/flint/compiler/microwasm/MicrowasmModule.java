package flint.compiler.microwasm;

import flint.wasm.model.WasmModule;
import flint.wasm.validate.InvalidModuleException;
import flint.wasm.validate.ModuleContext;
import flint.wasm.validate.Validator;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole module's conversion: the module level validated, then every defined function validated
 * and converted. A function the compiler cannot handle yet does not fail the module here; it is
 * recorded as {@link Rejected}, so that tools can show the others and the test interpreter can run
 * them (the native compiler itself refuses a module with any rejected function).
 *
 * @param functions one entry per defined function, in order (function index = imports + position)
 */
public record MicrowasmModule(WasmModule module, ModuleContext context, List<Conversion> functions) {

    public MicrowasmModule {
        functions = List.copyOf(functions);
    }

    /** How one defined function fared. */
    public sealed interface Conversion {
        /** The function index (imports first). */
        int index();
    }

    public record Converted(MicrowasmFunction function) implements Conversion {
        @Override public int index() { return function.index(); }
    }

    public record Rejected(int index, UnsupportedFeatureException reason) implements Conversion {}

    /**
     * Validates and converts {@code module}.
     *
     * @throws InvalidModuleException if the module is invalid
     * @throws flint.wasm.binary.MalformedModuleException if a body is not well-formed (for modules
     *     decoded lazily)
     */
    public static MicrowasmModule convert(WasmModule module) {
        var context = Validator.validateModule(module);
        if (module.functions().size() != module.codes().size()) {
            throw new InvalidModuleException("function and code section have inconsistent lengths",
                    module.functions().size() + " functions, " + module.codes().size() + " bodies");
        }
        var converter = new MicrowasmConverter(context);
        int first = context.importedFunctionCount();
        var out = new ArrayList<Conversion>(module.codes().size());
        for (int i = 0; i < module.codes().size(); i++) {
            try {
                out.add(new Converted(converter.convert(first + i, module.codes().get(i))));
            } catch (UnsupportedFeatureException e) {
                out.add(new Rejected(first + i, e));
            }
        }
        return new MicrowasmModule(module, context, out);
    }

    /** The conversion of function {@code index} (imports first); it must be a defined function. */
    public Conversion function(int index) {
        int at = index - context.importedFunctionCount();
        if (at < 0 || at >= functions.size()) throw new IndexOutOfBoundsException("no defined function " + index);
        return functions.get(at);
    }

    /** The first rejected function, if any: why the native compiler would refuse this module. */
    public java.util.Optional<Rejected> firstRejection() {
        return functions.stream().filter(c -> c instanceof Rejected).map(c -> (Rejected) c).findFirst();
    }
}

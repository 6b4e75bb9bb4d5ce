package flint.compiler;

import flint.compiler.microwasm.UnsupportedFeatureException;
import flint.compiler.x64.asm.Relocation;
import flint.wasm.model.WasmModule;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The compiler's output for one module: plain data, no native memory. The runtime maps
 * {@link #code()} into one executable region, resolves the {@link #relocations()}, and builds each
 * instance's vmctx after {@link #vmctxLayout()}.
 *
 * @param module the module as decoded and validated: types, imports, exports, memories, globals,
 *     data and the start function come from here
 * @param code the machine code of every defined function and array-call shim, in one buffer
 *     (empty for a module that defines no function)
 * @param functions one entry per defined function, in the module's order (function index
 *     {@code module.importedFunctionCount() + i} is entry {@code i})
 * @param relocations references the runtime fills in: {@link Relocation.WasmFunction} to a
 *     <em>defined</em> function (imports are called through their vmctx entry, never directly),
 *     {@link Relocation.RuntimeHelper} to a {@link RuntimeHelper}
 * @param trapSites every branch to a trap path, for reports
 * @param unsupported why each function the compiler cannot translate yet was replaced by a stub
 *     that traps with {@link WasmTrap#UNSUPPORTED}, by function index
 */
public record CompiledModule(WasmModule module, byte[] code, List<FunctionCode> functions,
        List<Relocation> relocations, List<TrapSite> trapSites, SortedMap<Integer, UnsupportedFeatureException> unsupported) {

    /** A module whose every function was compiled. */
    public CompiledModule(WasmModule module, byte[] code, List<FunctionCode> functions, List<Relocation> relocations,
            List<TrapSite> trapSites) {
        this(module, code, functions, relocations, trapSites, new TreeMap<>());
    }

    public CompiledModule {
        unsupported = Collections.unmodifiableSortedMap(new TreeMap<>(unsupported));
        Objects.requireNonNull(module, "module");
        code = code.clone();
        functions = List.copyOf(functions);
        relocations = List.copyOf(relocations);
        trapSites = List.copyOf(trapSites);
        if (functions.size() != module.functions().size()) {
            throw new IllegalArgumentException("code for " + functions.size() + " functions, the module defines "
                    + module.functions().size());
        }
        for (int i = 0; i < functions.size(); i++) {
            var f = functions.get(i);
            if (f.offset() + (long) f.length() > code.length || f.arrayShim() >= code.length) {
                throw new IllegalArgumentException("defined function " + i + " " + f + " lies outside the code of "
                        + code.length + " bytes");
            }
        }
        int imported = module.importedFunctionCount();
        int total = imported + functions.size();
        for (var r : relocations) {
            if (r.offset() + (long) r.kind().width() > code.length) {
                throw new IllegalArgumentException(r + " lies outside the code of " + code.length + " bytes");
            }
            switch (r.target()) {
                case Relocation.WasmFunction(int index) when index < imported || index >= total ->
                        throw new IllegalArgumentException(r + ": not a defined function (imports are called"
                                + " through their vmctx entry)");
                case Relocation.RuntimeHelper(int id) when RuntimeHelper.of(id).isEmpty() ->
                        throw new IllegalArgumentException(r + ": no such runtime helper");
                default -> { }
            }
        }
        for (var site : trapSites) {
            if (site.offset() >= code.length) {
                throw new IllegalArgumentException(site + " lies outside the code");
            }
        }
    }

    /** A copy of the machine code. */
    @Override
    public byte[] code() {
        return code.clone();
    }

    public int codeSize() {
        return code.length;
    }

    /** The vmctx layout the code was compiled against. */
    public VmctxLayout vmctxLayout() {
        return VmctxLayout.of(module);
    }

    /** The code of function {@code index} of the function index space, which must be a defined function. */
    public FunctionCode function(int index) {
        int imported = module.importedFunctionCount();
        if (index < imported) {
            throw new IllegalArgumentException("function " + index + " is imported: it has no code here");
        }
        return functions.get(index - imported);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompiledModule c && module.equals(c.module) && java.util.Arrays.equals(code, c.code)
                && functions.equals(c.functions) && relocations.equals(c.relocations) && trapSites.equals(c.trapSites);
    }

    @Override
    public int hashCode() {
        return Objects.hash(module, java.util.Arrays.hashCode(code), functions, relocations, trapSites);
    }

    @Override
    public String toString() {
        return "CompiledModule[%d bytes, %d functions, %d relocations, %d trap sites]"
                .formatted(code.length, functions.size(), relocations.size(), trapSites.size());
    }
}

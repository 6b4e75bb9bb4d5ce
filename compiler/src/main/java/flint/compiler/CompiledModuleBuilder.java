package flint.compiler;

import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Label;
import flint.compiler.microwasm.UnsupportedFeatureException;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.ExternKind;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Assembles a {@link CompiledModule}: one {@link Assembler} for the whole module, one label per
 * defined function (so direct calls between them need no relocation), the array-call shims Java
 * needs, and the trap-site table.
 *
 * <p>Use: for each defined function in any order, {@link #beginFunction}, emit its code with
 * {@link #asm()}, {@link #endFunction}; then {@link #finish()}. Direct calls use
 * {@code asm().call(functionLabel(f))}; calls to imports go through the vmctx
 * ({@link AbiSequences#callImport}).
 */
public final class CompiledModuleBuilder {

    private final WasmModule module;
    private final VmctxLayout layout;
    private final Assembler asm;
    private final int imported;
    private final Label[] labels;
    private final int[] offsets;
    private final int[] lengths;
    private final List<TrapSite> trapSites = new ArrayList<>();
    private final java.util.SortedMap<Integer, UnsupportedFeatureException> unsupported = new java.util.TreeMap<>();
    private int current = -1;
    private boolean finished;

    /** A builder emitting for the machine we are running on. */
    private java.util.Set<SeededBug> seededBugs = java.util.Set.of();

    /** The miscompilations to make on purpose (tests of the harness only); none by default. */
    public void seedBugs(java.util.Set<SeededBug> bugs) {
        this.seededBugs = java.util.Set.copyOf(bugs);
    }

    public boolean seeded(SeededBug bug) {
        return seededBugs.contains(bug);
    }

    public CompiledModuleBuilder(WasmModule module) {
        this(module, new Assembler());
    }

    public CompiledModuleBuilder(WasmModule module, Assembler asm) {
        this.module = Objects.requireNonNull(module, "module");
        this.asm = Objects.requireNonNull(asm, "asm");
        this.layout = VmctxLayout.of(module);
        this.imported = module.importedFunctionCount();
        int defined = module.functions().size();
        this.labels = new Label[defined];
        this.offsets = new int[defined];
        this.lengths = new int[defined];
        for (int i = 0; i < defined; i++) {
            labels[i] = asm.newLabel();
            offsets[i] = -1;
        }
    }

    public WasmModule module() {
        return module;
    }

    public VmctxLayout layout() {
        return layout;
    }

    public Assembler asm() {
        return asm;
    }

    /** The entry label of defined function {@code function} (an index of the function index space). */
    public Label functionLabel(int function) {
        return labels[defined(function)];
    }

    /** Starts the code of defined function {@code function} here, 16-byte aligned. */
    public void beginFunction(int function) {
        int i = defined(function);
        if (current >= 0) {
            throw new IllegalStateException("function " + (current + imported) + " is not ended");
        }
        if (offsets[i] >= 0) {
            throw new IllegalStateException("function " + function + " is already emitted");
        }
        asm.align(16);
        asm.bind(labels[i]);
        offsets[i] = asm.position();
        current = i;
    }

    /** Ends the function begun last. */
    public void endFunction() {
        if (current < 0) {
            throw new IllegalStateException("no function to end");
        }
        lengths[current] = asm.position() - offsets[current];
        if (lengths[current] == 0) {
            throw new IllegalStateException("function " + (current + imported) + " has no code");
        }
        current = -1;
    }

    /**
     * Emits function {@code function} as a stub that traps with {@link WasmTrap#UNSUPPORTED}, and
     * records why: the compiler cannot translate its body yet.
     */
    public void stubUnsupported(int function, UnsupportedFeatureException why) {
        beginFunction(function);
        AbiSequences.trap(asm, WasmTrap.UNSUPPORTED);
        endFunction();
        unsupported.put(function, why);
    }

    /** Records that the branch at {@code offset}, in the function being emitted, leads to {@code trap}. */
    public void trapSite(int offset, WasmTrap trap) {
        if (current < 0) {
            throw new IllegalStateException("trap sites belong to a function being emitted");
        }
        trapSites.add(new TrapSite(offset, current + imported, trap));
    }

    /**
     * Emits the array-call shims ({@link #calledFromJava}) and returns the module. The builder
     * cannot be used afterwards.
     *
     * @throws IllegalStateException if a defined function was not emitted
     */
    public CompiledModule finish() {
        if (finished) {
            throw new IllegalStateException("finish() already called");
        }
        if (current >= 0) {
            throw new IllegalStateException("function " + (current + imported) + " is not ended");
        }
        int[] shims = new int[offsets.length];
        var calledFromJava = calledFromJava(module);
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] < 0) {
                throw new IllegalStateException("function " + (i + imported) + " was not emitted");
            }
            shims[i] = calledFromJava.get(i + imported)
                    ? ShimGenerator.emit(asm, module.functionType(i + imported), labels[i])
                    : FunctionCode.NO_SHIM;
        }
        byte[] code = asm.finish();
        finished = true;
        var functions = new ArrayList<FunctionCode>(offsets.length);
        for (int i = 0; i < offsets.length; i++) {
            functions.add(new FunctionCode(offsets[i], lengths[i], shims[i]));
        }
        return new CompiledModule(module, code, functions, asm.relocations(), trapSites, unsupported);
    }

    /**
     * The functions Java may call directly, which therefore get an array-call shim: the exported
     * functions, the start function, and every function a reference can be taken to (those named
     * by {@code ref.func} in element segments and global or table initializers: the spec requires
     * a function body's {@code ref.func} to name one of those or an exported function), since a
     * reference can reach Java through a table, a global or a result.
     */
    public static BitSet calledFromJava(WasmModule module) {
        var functions = new BitSet();
        module.start().ifPresent(functions::set);
        for (var export : module.exports()) {
            if (export.kind() == ExternKind.FUNC) {
                functions.set(export.index());
            }
        }
        module.elements().forEach(segment -> segment.items().forEach(item -> referenced(item, functions)));
        module.globals().forEach(global -> referenced(global.init(), functions));
        module.tables().forEach(table -> table.init().ifPresent(init -> referenced(init, functions)));
        return functions;
    }

    private static void referenced(ConstExpr expr, BitSet functions) {
        for (var insn : expr.instructions()) {
            if (insn instanceof Instruction.Indexed(var op, int index) && op == Opcode.REF_FUNC) {
                functions.set(index);
            }
        }
    }

    private int defined(int function) {
        int i = function - imported;
        if (i < 0 || i >= labels.length) {
            throw new IllegalArgumentException("function " + function + " is not a defined function");
        }
        return i;
    }
}

package flint.compiler;

import flint.compiler.microwasm.MicroOp;
import flint.compiler.microwasm.MicrowasmPrinter;
import flint.compiler.x64.X64Backend;
import flint.compiler.x64.asm.Disassembler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Disassembly listings of compiled functions ({@code flint compile --emit asm}): the x86-64 of a
 * function as objdump decodes it, each operator's code headed by the Microwasm operator it
 * compiles and the module offset of the Wasm instruction it comes from ({@code @0x2a}), the
 * out-of-line trap stubs marked.
 *
 * <p>The annotations come from compiling the module again with a listing attached (compilation
 * is deterministic); if the code differs, the listing is printed without them.
 */
public final class Disassembly {

    private Disassembly() {}

    /** What a listing knows of one function: where each operator's code starts. */
    private static final class FunctionListing {
        final TreeMap<Integer, List<String>> notes = new TreeMap<>();
        /** Per operator (by its index in the function's Microwasm): the code offset and the text. */
        final List<int[]> ops = new ArrayList<>();
        final List<String> texts = new ArrayList<>();
        int start;
        int end;
    }

    private static final class Recorder implements X64Backend.Listing {
        final Map<Integer, FunctionListing> functions = new HashMap<>();
        FunctionListing current;

        @Override public void beginFunction(int function, int codeOffset) {
            current = new FunctionListing();
            current.start = codeOffset;
            current.notes.computeIfAbsent(codeOffset, k -> new ArrayList<>()).add("prologue");
            functions.put(function, current);
        }

        @Override public void op(int codeOffset, int index, MicroOp op) {
            if (current == null) return;
            current.ops.add(new int[] {codeOffset, index});
            current.texts.add(MicrowasmPrinter.format(op));
        }

        @Override public void endFunction(int codeOffset) {
            if (current != null) current.end = codeOffset;
        }
    }

    /**
     * The listing of function {@code function} (function index space, a defined function) of
     * {@code compiled}: a header line, then one instruction per line ({@code offset: bytes  text},
     * offsets in the module's code) with {@code ; operator} lines before each operator's code.
     */
    public static String asm(CompiledModule compiled, int function) {
        return asm(compiled, function, Disassembler.objdump());
    }

    public static String asm(CompiledModule compiled, int function, Disassembler disassembler) {
        var module = compiled.module();
        var code = compiled.function(function);
        var recorder = new Recorder();
        FunctionListing listing = null;
        try {
            var again = NativeCompiler.compile(module, recorder);
            if (Arrays.equals(again.code(), compiled.code())) listing = recorder.functions.get(function);
        } catch (RuntimeException e) {
            listing = null;
        }
        byte[] all = resolveCalls(compiled);
        byte[] bytes = Arrays.copyOfRange(all, code.offset(), code.offset() + code.length());
        var lines = disassembler.disassemble(bytes, code.offset());
        var type = module.functionType(function);
        var sb = new StringBuilder();
        sb.append("function ").append(function);
        var name = exportName(module, function);
        if (name != null) sb.append(" \"").append(name).append('"');
        sb.append(' ').append(type).append(String.format("  ; code 0x%x..0x%x", code.offset(), code.offset() + code.length()));
        if (code.hasArrayShim()) sb.append(String.format(", array shim at 0x%x", code.arrayShim()));
        sb.append('\n');
        var notes = listing == null ? new TreeMap<Integer, List<String>>() : listing.notes;
        if (listing != null) annotateOps(listing, module, function);
        int bodyEnd = listing == null ? Integer.MAX_VALUE : listing.end;
        boolean stubsMarked = false;
        var pending = new TreeMap<>(notes);
        for (var line : lines) {
            int at = (int) line.offset();
            while (!pending.isEmpty() && pending.firstKey() <= at) {
                for (var note : pending.pollFirstEntry().getValue()) sb.append("                ; ").append(note).append('\n');
            }
            if (listing != null && !stubsMarked && at >= bodyEnd) {
                sb.append("                ; trap stubs, constants\n");
                stubsMarked = true;
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /**
     * Adds each operator's line, {@code i64.eqz   @0x2a}: the operator, then the module offset of
     * the Wasm instruction it comes from (on the first operator of each instruction) when known.
     */
    private static void annotateOps(FunctionListing listing, flint.wasm.model.WasmModule module, int function) {
        long[] wasm = null;
        try {
            var context = flint.wasm.validate.Validator.validateModule(module);
            wasm = WasmOffsets.of(context, function, module.codes().get(function - module.importedFunctionCount()));
        } catch (RuntimeException e) {
            wasm = null;
        }
        long previous = -2;
        for (int i = 0; i < listing.ops.size(); i++) {
            int codeOffset = listing.ops.get(i)[0];
            int index = listing.ops.get(i)[1];
            long at = wasm != null && index < wasm.length ? wasm[index] : -2;
            String text = listing.texts.get(i);
            if (at >= 0 && at != previous) {
                text = String.format("%-40s @0x%x", text, at);
                previous = at;
            }
            listing.notes.computeIfAbsent(codeOffset, k -> new ArrayList<>()).add(text);
        }
    }

    /**
     * The code with the calls between the module's functions resolved as the linker will, so that
     * objdump shows their targets (runtime helpers stay unresolved: they live outside the code).
     */
    private static byte[] resolveCalls(CompiledModule compiled) {
        byte[] code = compiled.code();
        var buffer = java.nio.ByteBuffer.wrap(code).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (var r : compiled.relocations()) {
            if (r.kind() == flint.compiler.x64.asm.Relocation.Kind.REL32
                    && r.target() instanceof flint.compiler.x64.asm.Relocation.WasmFunction(int index)) {
                buffer.putInt(r.offset(), (int) r.value(0, compiled.function(index).offset()));
            }
        }
        return code;
    }

    /** Listings of every defined function, separated by blank lines. */
    public static String asm(CompiledModule compiled) {
        var sb = new StringBuilder();
        int first = compiled.module().importedFunctionCount();
        for (int i = 0; i < compiled.functions().size(); i++) {
            if (i > 0) sb.append('\n');
            sb.append(asm(compiled, first + i));
        }
        return sb.toString();
    }

    private static String exportName(flint.wasm.model.WasmModule module, int index) {
        return module.exports().stream()
                .filter(e -> e.kind() == flint.wasm.model.ExternKind.FUNC && e.index() == index)
                .map(e -> e.name())
                .findFirst()
                .orElse(null);
    }
}

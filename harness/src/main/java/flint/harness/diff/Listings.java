package flint.harness.diff;

import flint.compiler.Disassembly;
import flint.compiler.NativeCompiler;
import flint.compiler.microwasm.MicrowasmModule;
import flint.compiler.microwasm.MicrowasmPrinter;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.model.ExternKind;
import flint.wasm.text.WatPrinter;

/**
 * The text a report shows of a module: its WAT, and the Microwasm and x86-64 of one exported
 * function as {@code flint compile --emit microwasm|asm} prints them. Each says why it is missing
 * instead of failing: a report is written even for modules the compiler cannot handle.
 */
public final class Listings {
    private Listings() {}

    public static String wat(byte[] module) {
        try {
            return WatPrinter.print(ModuleDecoder.decode(module));
        } catch (RuntimeException e) {
            return ";; cannot print the module: " + e.getMessage() + "\n";
        }
    }

    public static String microwasm(byte[] module, String export) {
        try {
            var decoded = ModuleDecoder.decode(module);
            int index = functionIndex(decoded, export);
            if (index < 0) return "(no exported function " + export + ")";
            return switch (MicrowasmModule.convert(decoded).function(index)) {
                case MicrowasmModule.Converted(var f) -> MicrowasmPrinter.print(f, export);
                case MicrowasmModule.Rejected(var i, var reason) -> "(not converted: " + reason.getMessage() + ")";
            };
        } catch (RuntimeException e) {
            return "(no Microwasm: " + e.getMessage() + ")";
        }
    }

    public static String asm(byte[] module, String export) {
        try {
            var decoded = ModuleDecoder.decode(module);
            int index = functionIndex(decoded, export);
            if (index < 0) return "(no exported function " + export + ")";
            return Disassembly.asm(NativeCompiler.compile(decoded), index);
        } catch (RuntimeException e) {
            return "(no x86-64 listing: " + e.getMessage() + ")";
        }
    }

    private static int functionIndex(flint.wasm.model.WasmModule module, String export) {
        return module.exports().stream()
                .filter(e -> e.kind() == ExternKind.FUNC && e.name().equals(export))
                .mapToInt(e -> e.index())
                .filter(i -> i >= module.importedFunctionCount())
                .findFirst().orElse(-1);
    }
}

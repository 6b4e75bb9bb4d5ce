package flint.harness.shrink;

import flint.wasm.binary.CodeReader;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.WasmModule;

/**
 * How big a module is, in the three measures a reader of a shrink report cares about: encoded
 * bytes, defined functions, and instructions in all bodies (each body's final {@code end} not
 * counted, so a body of {@code i32.const 1} counts 1).
 */
public record ModuleSize(int bytes, int functions, int instructions) {

    public static ModuleSize of(WasmModule module) {
        int instructions = 0;
        for (var body : module.codes()) {
            var reader = new CodeReader(body);
            while (reader.hasNext()) {
                reader.skip();
                instructions++;
            }
            instructions--; // the body's own end
        }
        return new ModuleSize(ModuleEncoder.encode(module).length, module.codes().size(), instructions);
    }

    @Override public String toString() {
        return bytes + " bytes, " + functions + (functions == 1 ? " function, " : " functions, ")
                + instructions + (instructions == 1 ? " instruction" : " instructions");
    }
}

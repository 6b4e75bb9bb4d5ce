package flint.harness.gen;

import flint.harness.engine.Imports;
import flint.wasm.model.WasmModule;

/**
 * A generated module: the model and its bytes. Its only host imports are
 * {@link GeneratedImports}; exports are {@code f0..} (every function), {@code mem}, {@code t0..},
 * {@code g0..}, {@code fuel} (the fuel global) and {@code refuel} (resets the fuel, so a caller can
 * give each export call the full budget).
 */
public record GeneratedModule(WasmModule module, byte[] bytes) {
    public GeneratedModule {
        bytes = bytes.clone();
    }

    @Override public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** The host imports it needs. */
    public Imports imports() {
        return GeneratedImports.forModule(module);
    }

    public static final String REFUEL_EXPORT = "refuel";
    public static final String FUEL_EXPORT = "fuel";
}

package flint.wasm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import flint.wasm.model.WasmModule;

/** Module equality that names the first part that differs, instead of printing two whole modules. */
final class ModuleAssertions {
    private ModuleAssertions() {}

    static void assertSameModule(WasmModule expected, WasmModule actual, String context) {
        assertEquals(expected.types(), actual.types(), () -> context + ": types");
        assertEquals(expected.imports(), actual.imports(), () -> context + ": imports");
        assertEquals(expected.functions(), actual.functions(), () -> context + ": functions");
        assertEquals(expected.tables(), actual.tables(), () -> context + ": tables");
        assertEquals(expected.memories(), actual.memories(), () -> context + ": memories");
        assertEquals(expected.tags(), actual.tags(), () -> context + ": tags");
        assertEquals(expected.globals(), actual.globals(), () -> context + ": globals");
        assertEquals(expected.exports(), actual.exports(), () -> context + ": exports");
        assertEquals(expected.start(), actual.start(), () -> context + ": start");
        assertEquals(expected.elements(), actual.elements(), () -> context + ": elements");
        assertEquals(expected.dataCount(), actual.dataCount(), () -> context + ": data count");
        for (int i = 0; i < Math.min(expected.codes().size(), actual.codes().size()); i++) {
            int f = i;
            assertEquals(expected.codes().get(i), actual.codes().get(i), () -> context + ": code of defined function " + f);
        }
        assertEquals(expected.codes(), actual.codes(), () -> context + ": codes");
        assertEquals(expected.data(), actual.data(), () -> context + ": data");
        for (int i = 0; i < Math.min(expected.customs().size(), actual.customs().size()); i++) {
            var e = expected.customs().get(i);
            var a = actual.customs().get(i);
            int c = i;
            assertEquals(e.name() + "@" + e.placement(), a.name() + "@" + a.placement(), () -> context + ": custom section " + c);
        }
        assertEquals(expected.customs(), actual.customs(), () -> context + ": customs");
        assertEquals(expected, actual, context);
    }
}

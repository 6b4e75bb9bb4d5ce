package flint.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.compiler.microwasm.UnsupportedFeatureException;
import flint.compiler.x64.asm.Relocation;
import flint.wasm.text.WatParser;
import flint.wasm.validate.InvalidModuleException;
import org.junit.jupiter.api.Test;

/** The compiler's entry point and listings, without running the code (the harness runs it). */
class NativeCompilerTest {

    static final String FAC = """
            (module
              (memory 1)
              (func $fac (export "fac") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0))
                  (then (i64.const 1))
                  (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
              (func (export "sum") (param i32) (result i32) (local i32)
                (block (loop
                  (br_if 1 (i32.eqz (local.get 0)))
                  (local.set 1 (i32.add (local.get 1) (i32.load (local.get 0))))
                  (local.set 0 (i32.sub (local.get 0) (i32.const 4)))
                  (br 0)))
                (local.get 1))
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1))))
            """;

    @Test
    void compilesEveryFunctionWithShimsTrapSitesAndRelocations() {
        var compiled = NativeCompiler.compile(WatParser.parse(FAC));
        assertEquals(4, compiled.functions().size());
        assertTrue(compiled.functions().stream().allMatch(FunctionCode::hasArrayShim), "all are exported");
        var traps = compiled.trapSites().stream().map(TrapSite::trap).toList();
        assertTrue(traps.contains(WasmTrap.CALL_STACK_EXHAUSTED));
        assertTrue(traps.contains(WasmTrap.INTERRUPTED));
        assertTrue(traps.contains(WasmTrap.OUT_OF_BOUNDS_MEMORY));
        assertTrue(traps.contains(WasmTrap.INTEGER_DIVIDE_BY_ZERO));
        assertTrue(traps.contains(WasmTrap.INTEGER_OVERFLOW));
        assertTrue(compiled.relocations().stream().anyMatch(r -> r.target().equals(RuntimeHelper.MEMORY_GROW.target())),
                "memory.grow calls the runtime helper through a relocation");
        assertTrue(compiled.relocations().stream().anyMatch(r -> r.target().equals(new Relocation.WasmFunction(0))),
                "direct calls leave relocations");
    }

    @Test
    void theListingHeadsEachOperatorsCodeWithIt() {
        var compiled = NativeCompiler.compile(WatParser.parse(FAC));
        String listing = Disassembly.asm(compiled, 0);
        assertTrue(listing.startsWith("function 0 \"fac\" [i64] -> [i64]"), listing);
        assertTrue(listing.contains("; prologue"), listing);
        assertTrue(listing.matches("(?s).*; i64.eqz +@0x[0-9a-f]+\n.*"), listing);
        assertTrue(listing.contains("; call 0 [i64] -> [i64]"), listing);
        assertTrue(listing.contains("; trap stubs"), listing);
        assertTrue(listing.contains("push   rbp") || listing.contains("push rbp"), listing);
    }

    @Test
    void unsupportedFeaturesAreRejectedWithTheirName() {
        var e = assertThrows(UnsupportedFeatureException.class, () -> NativeCompiler.compile(WatParser.parse(
                "(module (func (export \"f\") (result v128) (v128.const i64x2 0 1)))")));
        assertTrue(e.getMessage().contains("not supported by the native compiler yet"), e.getMessage());
    }

    @Test
    void anInvalidFunctionAfterAnUnsupportedOneIsReportedAsInvalid() {
        var module = WatParser.parse("""
                (module
                  (func (result f32) (f32.const 1))
                  (func (result i32) (i64.const 1)))
                """);
        assertThrows(InvalidModuleException.class, () -> NativeCompiler.compile(module));
    }

    @Test
    void partialCompilationStubsWhatIsNotSupported() {
        var compiled = NativeCompiler.compilePartially(WatParser.parse("""
                (module
                  (table 1 funcref)
                  (func (export "f") (result f32) (f32.const 1))
                  (func (export "g") (result i32) (i32.const 1)))
                """));
        assertEquals(2, compiled.functions().size());
        assertTrue(compiled.module().tables().isEmpty());
    }
}

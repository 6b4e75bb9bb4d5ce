package flint.compiler.microwasm;

import static flint.compiler.microwasm.Converted.func;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.text.WatParser;
import flint.wasm.validate.InvalidModuleException;
import flint.wasm.validate.Validator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What the converter refuses until a later stage (floats are in since stage 2), and how it says so. */
class UnsupportedFeatureTest {

    private static UnsupportedFeatureException rejection(String wat) {
        return assertThrows(UnsupportedFeatureException.class, () -> Converted.function(wat));
    }

    @Test void anUnsupportedInstructionIsNamedWithItsFunctionAndOffset() {
        var e = rejection(func("(drop (i32x4.add (v128.const i64x2 1 2) (v128.const i64x2 3 4)))"));
        assertTrue(e.getMessage().matches(
                "v128\\.const is not supported by the native compiler yet \\(SIMD; function 0, at offset 0x[0-9a-f]+\\)"),
                e.getMessage());
        assertEquals("v128.const", e.subject());
        assertEquals("SIMD", e.feature());
        assertEquals(0, e.function());
    }

    @Test void valuesOfUnsupportedTypesAreNamedWithWhereTheyAppear() {
        assertEquals("v128 values are not supported by the native compiler yet (SIMD; function 0, parameter 1)",
                rejection(func("(param i32 v128)")).getMessage());
        assertEquals("(ref null 0) values are not supported by the native compiler yet (typed function references; function 0, local 1)",
                rejection("(module (type (func)) (func (param f32) (local (ref null 0))))").getMessage());
        assertTrue(rejection(func("(block (result v128) (unreachable)) (drop)")).getMessage()
                .startsWith("v128 values are not supported by the native compiler yet (SIMD; function 0, block result 0 at offset 0x"));
        assertTrue(rejection(func("(result anyref) (unreachable)")).getMessage()
                .startsWith("anyref values are not supported by the native compiler yet (garbage collection; function 0, result 0"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(table i64 1 funcref) (func (call_indirect (i64.const 0)))         | call_indirect of a 64-bit table | memory64",
        "(table i64 1 funcref) (func (drop (table.size 0)))                  | table.size of a 64-bit table | memory64",
        "(memory i64 1) (func (memory.fill (i64.const 0) (i32.const 0) (i64.const 0))) | memory.fill of a 64-bit memory | memory64",
        "(memory 1) (memory 1) (func (memory.copy 0 1 (i32.const 0) (i32.const 0) (i32.const 0))) | memory.copy of memory 1 | multiple memories",
        "(type (func)) (func (ref.as_non_null (ref.null func)) (drop))      | ref.as_non_null | typed function references",
        "(func (return_call 0))                                              | return_call    | tail calls",
        "(func (drop (v128.const i64x2 0 0)))                                | v128.const     | SIMD",
        "(func (drop (i32.trunc_sat_f32_s (f32x4.extract_lane 0 (v128.const i64x2 0 0))))) | v128.const | SIMD",
        "(func (drop (v128.any_true (i8x16.splat (i32.const 0)))))          | i8x16.splat    | SIMD",
        "(tag) (func (throw 0))                                              | throw          | exception handling",
        "(memory 1) (memory 1) (func (drop (memory.size 1)))                | memory.size of memory 1 | multiple memories",
        "(memory i64 1) (func (drop (memory.size)))                          | memory.size of a 64-bit memory | memory64",
    })
    void everyUnsupportedAreaIsRejectedByName(String fields, String subject, String feature) {
        var e = rejection("(module " + fields + ")");
        assertEquals(subject, e.subject());
        assertEquals(feature, e.feature());
        assertTrue(e.getMessage().startsWith(subject + " is not supported by the native compiler yet (" + feature + "; function "),
                e.getMessage());
    }

    @Test void typedFunctionReferencesAreRejectedWhereverTheyAreNamed() {
        assertTrue(rejection("(module (type (func)) (func (drop (ref.is_null (ref.null 0)))))").getMessage()
                .startsWith("(ref null 0) values are not supported by the native compiler yet (typed function references; function 0, ref.null"));
        assertTrue(rejection("(module (type (func)) (table 1 (ref null 0)) (func (drop (table.size 0))))").getMessage()
                .startsWith("(ref null 0) values are not supported by the native compiler yet (typed function references; function 0, table.size of table 0 of"));
    }

    @Test void callingAFunctionWithUnsupportedTypesIsRejectedInTheCaller() {
        var e = rejection("(module (func $f (param v128)) (func (call $f (unreachable))) (func (call $f (v128.const i64x2 0 1))))");
        assertTrue(e.getMessage().startsWith("v128.const is not supported"), e.getMessage());
        var caller = rejection("(module (func $f (result v128) (unreachable)) (func (drop (call $f))))");
        assertTrue(caller.getMessage().startsWith("v128 values are not supported by the native compiler yet (SIMD; function 1, call 0 result 0"),
                caller.getMessage());
    }

    @Test void invalidCodeIsReportedAsInvalidEvenAfterAnUnsupportedInstruction() {
        var module = WatParser.parse("(module (func (drop (v128.const i64x2 0 0)) (i32.add)))", "x");
        assertThrows(InvalidModuleException.class, () -> MicrowasmModule.convert(module));
        var converter = new MicrowasmConverter(Validator.validateModule(module));
        var e = assertThrows(InvalidModuleException.class, () -> converter.convert(0, module.codes().getFirst()));
        assertTrue(e.getMessage().startsWith("type mismatch"), e.getMessage());
    }

    @Test void aModuleKeepsItsSupportedFunctionsAndRecordsTheRejectedOnes() {
        var module = Converted.module("(module (func (result i32) (i32.const 1)) (func (result v128) (v128.const i64x2 0 1))"
                + " (func (result i64) (i64.const 2)))");
        assertInstanceOf(MicrowasmModule.Converted.class, module.functions().get(0));
        var rejected = assertInstanceOf(MicrowasmModule.Rejected.class, module.functions().get(1));
        assertEquals(1, rejected.index());
        assertInstanceOf(MicrowasmModule.Converted.class, module.function(2));
        assertEquals(1, module.firstRejection().orElseThrow().index());
    }

    @Test void theConverterIsReusableAfterARejection() {
        var module = WatParser.parse("(module (func (drop (v128.const i64x2 0 0))) (func (result i32) (i32.const 4)))", "x");
        var converter = new MicrowasmConverter(Validator.validateModule(module));
        assertThrows(UnsupportedFeatureException.class, () -> converter.convert(0, module.codes().get(0)));
        var f = converter.convert(1, module.codes().get(1));
        MicrowasmChecker.check(f);
        assertEquals("i32.const 4", MicrowasmPrinter.format(f.ops().getFirst()));
    }
}

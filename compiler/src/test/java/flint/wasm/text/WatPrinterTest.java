package flint.wasm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.binary.SectionId;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.LocalGroup;
import flint.wasm.model.Table;
import flint.wasm.model.WasmModule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.junit.jupiter.api.Test;

/** Printing and parsing back gives the same module. */
class WatPrinterTest {
    private static List<WasmModule> population;

    private static WasmModule roundTrip(WasmModule module) {
        var text = WatPrinter.print(module);
        try {
            return WatParser.parse(text, "printed.wat");
        } catch (TextParseException e) {
            throw new AssertionError(e.getMessage() + "\n" + text, e);
        }
    }

    @Test
    void handWrittenModule() {
        var m = WatParserTest.parse("""
                (module
                  (type $t (func (param i32) (result i32)))
                  (import "env" "f" (func $imp (param i32)))
                  (import "env" "t" (tag (param i64)))
                  (memory 1 2) (memory i64 0 10 shared)
                  (table 2 funcref) (table i64 1 (ref func) (ref.func $f))
                  (global $g (mut i32) (i32.add (i32.const 42) (i32.const 1)))
                  (tag $e (param i32 f64))
                  (func $f (export "f") (param $x i32) (result i32) (local $y i64) (local f32 f32)
                    (block $b (result i32)
                      (if (result i32) (local.get $x) (then (i32.const 1)) (else (br $b (i32.const 2)))))
                    (i32.load offset=4 align=2 (i32.const 0))
                    i32.add
                    (try_table (catch $e 0) (catch_all_ref 0) (throw $e (i32.const 0) (f64.const -nan:0x1)))
                    (f32.const nan:0x200000) drop (f64.const 0x1p-1074) drop
                    (v128.const f32x4 1.5 -0 inf -nan) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (v128.const i64x2 0 0))
                    (v128.store32_lane 1 offset=8 3 (i64.const 0)) drop
                    (select (result i32) (i32.const 0) (i32.const 1) (i32.const 2)) drop
                    (call_indirect 0 (type $t) (i32.const 0) (i32.const 0)) drop
                    (table.init 0 0 (i32.const 0) (i32.const 0) (i32.const 0)) (memory.init 1 $d (i64.const 0) (i32.const 0) (i32.const 0))
                    (memory.copy 0 1 (i32.const 0) (i64.const 0) (i32.const 0)) data.drop $d
                    (br_table 0 1 0 (i32.const 0)))
                  (elem (i32.const 0) $f) (elem declare func $f) (elem funcref (item ref.null func))
                  (data $d "hi\\00\\ff\\"") (data (memory 1) (i64.const 8) "x")
                  (@custom "note" (after func) "x") (@custom "first" (before first) ""))""");
        assertEquals(m, roundTrip(m));
    }

    @Test
    void printsReadableText() {
        var text = WatPrinter.print(WatParserTest.parse("(func (export \"é\") (param i32) (block (br 0)) (f32.const 0.5) drop)"));
        assertEquals("""
                (module
                  (type (;0;) (func (param i32)))
                  (export "\\c3\\a9" (func 0))
                  (func (;0;) (type 0) (param i32)
                    block
                      br 0
                    end
                    f32.const 0.5
                    drop
                  )
                )
                """, text);
    }

    @Test
    void printsOneFunction() {
        var m = WatParserTest.parse("(import \"m\" \"f\" (func (result i32))) (func (result i32) (i32.const 7))");
        assertEquals("(import \"m\" \"f\" (func (;0;) (type 0) (result i32)))\n", WatPrinter.printFunction(m, 0));
        assertTrue(WatPrinter.printFunction(m, 1).contains("i32.const 7"));
    }

    @Test
    void floatLiteralsKeepTheirBits() {
        for (int bits : new int[] {0, 0x80000000, 1, 0x7f7fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0xffa00001, 0x3dcccccd}) {
            assertEquals(bits, (int) Literals.f32(InstructionPrinter.f32(bits)));
        }
        for (long bits : new long[] {0, 1, 0x8000000000000000L, 0x7ff0000000000001L, 0xfff8000000000000L, 0x3fb999999999999aL}) {
            assertEquals(bits, (long) Literals.f64(InstructionPrinter.f64(bits)));
        }
    }

    @Property(tries = 300)
    void testsuiteModulesRoundTrip(@ForAll("testsuiteModules") WasmModule module) {
        ModuleAssertions.assertSameModule(module, roundTrip(module), "print and parse");
    }

    @Provide
    Arbitrary<WasmModule> testsuiteModules() throws Exception {
        synchronized (WatPrinterTest.class) {
            if (population == null) population = SpecTestsuiteTest.supportedModules();
        }
        return Arbitraries.of(population);
    }

    /**
     * Random well-formed modules (the binary package's generator: every instruction shape,
     * extreme immediates, NaN payloads, odd segment forms), minus what the text format cannot
     * say: a data count section nobody needs (and custom sections placed after it), local groups
     * that are empty or split, gigantic local counts (which print as millions of words), and an
     * empty table initializer.
     */
    @Property(tries = 300)
    void randomModulesRoundTrip(@ForAll("randomModules") WasmModule generated) {
        var module = expressible(generated);
        var back = roundTrip(module);
        ModuleAssertions.assertSameModule(module, new WasmModule(back.types(), back.imports(), back.functions(), back.tables(), back.memories(),
                back.tags(), back.globals(), back.exports(), back.start(), back.elements(), module.dataCount(), back.codes(),
                back.data(), back.customs()), WatPrinter.print(module));
    }

    @Provide
    Arbitrary<WasmModule> randomModules() {
        return flint.wasm.binary.RandomModules.modules();
    }

    private static WasmModule expressible(WasmModule m) {
        var codes = new ArrayList<FunctionBody>();
        for (var body : m.codes()) {
            var groups = new ArrayList<LocalGroup>();
            for (var g : body.locals()) {
                long count = Math.min(g.count(), 3);
                if (count == 0) continue;
                if (!groups.isEmpty() && groups.getLast().type().equals(g.type())) {
                    count += groups.removeLast().count();
                }
                groups.add(new LocalGroup(count, g.type()));
            }
            codes.add(new FunctionBody(groups, body.code(), 0));
        }
        var tables = m.tables().stream()
                .map(t -> t.init().map(ConstExpr::instructions).filter(List::isEmpty).isPresent()
                        ? new Table(t.type(), Optional.empty()) : t)
                .toList();
        var customs = m.customs().stream().filter(c -> c.placement() != SectionId.DATA_COUNT.id()).toList();
        return new WasmModule(m.types(), m.imports(), m.functions(), tables, m.memories(), m.tags(), m.globals(), m.exports(),
                m.start(), m.elements(), m.dataCount(), codes, m.data(), customs);
    }

}

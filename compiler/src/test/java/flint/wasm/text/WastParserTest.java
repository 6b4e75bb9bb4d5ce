package flint.wasm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.NumType;
import flint.wasm.value.Value;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class WastParserTest {
    private static List<Command> commands(String script) {
        return WastParser.parse(script, "t.wast").commands();
    }

    private static Command one(String script) {
        var cs = commands(script);
        assertEquals(1, cs.size());
        return cs.getFirst();
    }

    @Test
    void moduleKinds() {
        var cs = commands("""
                (module $m (func (export "f")))
                (module binary "\\00asm" "\\01\\00\\00\\00")
                (module $q quote "(func" ")")
                (module definition $d (memory 1))
                (module instance $i $d)
                (module instance $d)
                """);
        var text = assertInstanceOf(Command.Module.class, cs.get(0));
        assertEquals(Optional.of("m"), text.name());
        assertEquals(1, text.line());
        assertEquals(1, text.module().module().exports().size());
        var binary = (Command.Module) cs.get(1);
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, ((ModuleSource.Binary) binary.module()).bytes());
        var quote = (Command.Module) cs.get(2);
        assertArrayEquals("(func)".getBytes(), ((ModuleSource.Quote) quote.module()).text());
        assertEquals(1, quote.module().module().functions().size());
        var definition = (Command.Module) cs.get(3);
        assertTrue(definition.definition());
        assertEquals(Optional.of("d"), definition.name());
        assertEquals(new Command.Instance(5, Optional.of("i"), Optional.of("d")), cs.get(4));
        assertEquals(new Command.Instance(6, Optional.empty(), Optional.of("d")), cs.get(5));
    }

    @Test
    void textModulesKeepScriptPositions() {
        var c = (Command.Module) one("\n\n(module\n  (func\n    br 7 br $nope))");
        var e = assertThrows(TextParseException.class, () -> c.module().module());
        assertEquals(5, e.line());
        assertEquals(13, e.column());
        assertEquals("t.wast", e.file());
    }

    @Test
    void actionsAndRegister() {
        var cs = commands("""
                (register "M" $m)
                (invoke "f" (i32.const -1) (i64.const 0xffffffffffffffff) (f32.const nan:0x1) (f64.const -0)
                  (v128.const i16x8 1 2 3 4 5 6 7 -1) (ref.null func) (ref.null extern) (ref.extern 7) (ref.null exn))
                (get $m "g")""");
        assertEquals(new Command.Register(1, "M", Optional.of("m")), cs.get(0));
        var invoke = (Action.Invoke) ((Command.Perform) cs.get(1)).action();
        assertEquals(List.of(new Value.I32(-1), new Value.I64(-1), new Value.F32(0x7f800001), new Value.F64(0x8000000000000000L),
                new Value.V128(0x0004000300020001L, 0xffff000700060005L), Value.FuncRef.NULL, Value.ExternRef.NULL,
                new Value.ExternRef(7L), Value.ExnRef.NULL), invoke.args());
        assertEquals(new Action.Get(Optional.of("m"), "g"), ((Command.Perform) cs.get(2)).action());
    }

    @Test
    void expectedResults() {
        var c = (Command.AssertReturn) one("""
                (assert_return (invoke $m "f")
                  (i32.const 1) (f32.const nan:canonical) (f64.const nan:arithmetic) (f64.const 1.5)
                  (v128.const f32x4 nan:canonical 1 nan:arithmetic -0)
                  (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
                  (ref.null) (ref.null func) (ref.func) (ref.extern) (ref.extern 3) (ref) (ref.host 2)
                  (either (i32.const 1) (i32.const 2)))""");
        assertEquals(Optional.of("m"), c.action().instance());
        assertEquals(List.of(
                new Expected.Exact(new Value.I32(1)),
                new Expected.Nan(NumType.F32, Expected.NanKind.CANONICAL),
                new Expected.Nan(NumType.F64, Expected.NanKind.ARITHMETIC),
                new Expected.Exact(new Value.F64(0x3ff8000000000000L)),
                new Expected.VectorPattern(VectorShape.F32X4, List.of(new Expected.Lane.NanLane(Expected.NanKind.CANONICAL),
                        new Expected.Lane.Bits(0x3f800000L), new Expected.Lane.NanLane(Expected.NanKind.ARITHMETIC),
                        new Expected.Lane.Bits(0x80000000L))),
                new Expected.Exact(new Value.V128(0x0706050403020100L, 0x0f0e0d0c0b0a0908L)),
                new Expected.RefNull(Optional.empty()),
                new Expected.RefNull(Optional.of(AbsHeapType.FUNC)),
                new Expected.RefOf(AbsHeapType.FUNC),
                new Expected.RefOf(AbsHeapType.EXTERN),
                new Expected.RefExtern(3),
                new Expected.RefOf(AbsHeapType.ANY),
                new Expected.RefHost(2),
                new Expected.Either(List.of(new Expected.Exact(new Value.I32(1)), new Expected.Exact(new Value.I32(2))))),
                c.results());
    }

    @Test
    void assertions() {
        var cs = commands("""
                (assert_trap (invoke "f") "unreachable")
                (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
                (assert_exhaustion (invoke "f") "call stack exhausted")
                (assert_exception (invoke "t"))
                (assert_invalid (module (func (result i32))) "type mismatch")
                (assert_malformed (module quote "(func") "unexpected token")
                (assert_unlinkable (module (import "a" "b" (func))) "unknown import")
                (assert_uninstantiable (module binary "") "x")
                (assert_malformed_custom (module quote "(@custom)") "@custom annotation: missing section name")
                (assert_invalid_custom (module) "y")""");
        assertInstanceOf(Command.AssertTrap.class, cs.get(0));
        assertEquals("unreachable", ((Command.AssertUninstantiable) cs.get(1)).message());
        assertEquals("call stack exhausted", ((Command.AssertExhaustion) cs.get(2)).message());
        assertInstanceOf(Command.AssertException.class, cs.get(3));
        assertEquals("type mismatch", ((Command.AssertInvalid) cs.get(4)).message());
        var malformed = (Command.AssertMalformed) cs.get(5);
        var e = assertThrows(TextParseException.class, () -> malformed.module().module());
        assertTrue(e.getMessage().startsWith(malformed.message()), e.getMessage());
        assertInstanceOf(Command.AssertUnlinkable.class, cs.get(6));
        assertInstanceOf(Command.AssertUninstantiable.class, cs.get(7));
        assertInstanceOf(Command.AssertMalformedCustom.class, cs.get(8));
        assertInstanceOf(Command.AssertInvalidCustom.class, cs.get(9));
        for (int i = 0; i < cs.size(); i++) assertEquals(i + 1, cs.get(i).line());
    }

    @Test
    void quotedTextMayBeMalformedUtf8() {
        var c = (Command.AssertMalformed) one("(assert_malformed (module quote \"(@a \\80)\") \"malformed UTF-8 encoding\")");
        var e = assertThrows(TextParseException.class, () -> c.module().module());
        assertEquals("malformed UTF-8 encoding", e.reason());
    }

    @Test
    void aScriptMayBeAModule() {
        var c = (Command.Module) one("(func (export \"f\")) (memory 1)");
        assertEquals(1, c.module().module().memories().size());
    }

    @Test
    void scriptErrors() {
        assertEquals("unexpected token", assertThrows(TextParseException.class, () -> commands("(assert_return (nop))")).reason());
        assertEquals("unknown operator", assertThrows(TextParseException.class, () -> commands("(frobnicate)")).reason());
        assertEquals("unexpected token", assertThrows(TextParseException.class, () -> commands("(module) )")).reason());
        assertEquals("wrong number of lane literals",
                assertThrows(TextParseException.class, () -> commands("(invoke \"f\" (v128.const i32x4 1))")).reason());
        assertEquals("misplaced module definition",
                assertThrows(TextParseException.class, () -> commands("(assert_invalid (module definition) \"x\")")).reason());
    }
}

package flint.wasm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.binary.CodeReader;
import flint.wasm.model.AbsHeapType;
import flint.wasm.model.BlockType;
import flint.wasm.model.Catch;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.Export;
import flint.wasm.model.ExternKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.Instruction;
import flint.wasm.model.Limits;
import flint.wasm.model.LocalGroup;
import flint.wasm.model.MemArg;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.WasmModule;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WatParserTest {
    private static final ValType I32 = NumType.I32;
    private static final ValType I64 = NumType.I64;

    static WasmModule parse(String text) {
        return WatParser.parse(text, "test.wat");
    }

    static TextParseException error(String text) {
        return assertThrows(TextParseException.class, () -> parse(text));
    }

    /** The instructions of defined function {@code i}, without the final end. */
    static List<Instruction> code(WasmModule m, int i) {
        var reader = new CodeReader(m.codes().get(i));
        var out = new ArrayList<Instruction>();
        while (reader.hasNext()) out.add(reader.next());
        assertEquals(Instruction.END, out.removeLast());
        return out;
    }

    static List<Instruction> body(String funcFields) {
        return code(parse("(module (func " + funcFields + "))"), 0);
    }

    static Instruction idx(Opcode op, int index) { return new Instruction.Indexed(op, index); }

    @Nested
    class ModuleForms {
        @Test
        void emptyModules() {
            assertEquals(WasmModule.empty(), parse("(module)"));
            assertEquals(WasmModule.empty(), parse("(module $m)"));
            assertEquals(WasmModule.empty(), parse(""));
            assertEquals(WasmModule.empty(), parse(";; nothing\n(@a) (; at all ;)"));
        }

        @Test
        void lineCommentsEndAtEveryKindOfNewline() {
            for (var newline : List.of("\n", "\r", "\r\n")) {
                var code = body("(result i32) (i32.const 1) ;; comment" + newline + " (return (i32.const 2))");
                assertEquals(List.of(Instruction.i32(1), Instruction.i32(2), Instruction.plain(Opcode.RETURN)),
                        code, "newline " + newline.replace("\r", "CR").replace("\n", "LF"));
            }
        }

        @Test
        void fieldsAloneAreAModule() {
            var m = parse("(func) (memory 1)");
            assertEquals(1, m.functions().size());
            assertEquals(1, m.memories().size());
        }

        @Test
        void trailingTokensAreRejected() {
            assertEquals("unexpected token", error("(module) (func)").reason());
        }

        @Test
        void namedModule() {
            assertEquals("m", WatParser.parseNamed("(module $m)", "t").name().orElseThrow());
        }
    }

    @Nested
    class Types {
        @Test
        void implicitTypesAreAppendedInOrderAndReused() {
            var m = parse("""
                    (module
                      (func (param i32))
                      (func (result i64) (i64.const 0))
                      (type $t (func))
                      (func (param i32))
                      (func (type $t))
                      (func (call_indirect (param i64) (result i64) (i64.const 0) (i32.const 0)) drop)
                      (func (block (param i32) (drop) (i32.const 0)) (block (result i32) (i32.const 1)) drop drop)
                      (table 1 funcref))""");
            assertEquals(List.of(FuncType.EMPTY, new FuncType(List.of(I32), List.of()), new FuncType(List.of(), List.of(I64)),
                    new FuncType(List.of(I64), List.of(I64))), m.types());
            assertEquals(List.of(1, 2, 1, 0, 0, 0), m.functions());
            assertEquals(new Instruction.TwoIndex(Opcode.CALL_INDIRECT, 3, 0), code(m, 4).get(2));
            assertEquals(new Instruction.Block(Opcode.BLOCK, new BlockType.TypeIndex(1)), code(m, 5).getFirst());
            assertEquals(new Instruction.Block(Opcode.BLOCK, BlockType.of(I32)), code(m, 5).get(4));
        }

        @Test
        void explicitTypeUseWithMatchingDeclarations() {
            var m = parse("(type $t (func (param i32) (result i32))) (func (type $t) (param $x i32) (result i32) (local.get $x))");
            assertEquals(List.of(0), m.functions());
            assertEquals(List.of(idx(Opcode.LOCAL_GET, 0)), code(m, 0));
        }

        @Test
        void typeUseMismatch() {
            var e = error("(type $t (func (param i32))) (func (type $t) (param i64))");
            assertEquals("inline function type does not match explicit type", e.reason());
            assertTrue(e.getMessage().startsWith("inline function type"));
            assertEquals("unknown type", error("(func (type 3) (param i32))").reason());
            // Without inline declarations an unknown index is the validator's business.
            assertEquals(List.of(3), parse("(func (type 3))").functions());
        }

        @Test
        void declarationsOutOfOrderAreSyntaxErrors() {
            assertEquals("unexpected token", error("(type $t (func (param i32) (result i32)))"
                    + "(func (type $t) (result i32) (param i32) (i32.const 0))").reason());
            assertEquals("unexpected token", error("(func (nop) (local i32))").reason());
        }

        @Test
        void referenceTypes() {
            var m = parse("""
                    (type $f (func))
                    (func (param funcref externref exnref (ref $f) (ref null $f) (ref null func) (ref extern) anyref nullfuncref))""");
            assertEquals(List.of(RefType.FUNCREF, RefType.EXTERNREF, RefType.EXNREF, new RefType(false, new ConcreteHeapType(0)),
                    new RefType(true, new ConcreteHeapType(0)), RefType.FUNCREF, new RefType(false, AbsHeapType.EXTERN),
                    new RefType(true, AbsHeapType.ANY), new RefType(true, AbsHeapType.NOFUNC)), m.types().get(1).params());
        }

        @Test
        void gcTypesAreUnsupported() {
            var e = assertThrows(UnsupportedFeatureException.class, () -> parse("(type (struct (field i32)))"));
            assertTrue(e.getMessage().startsWith("GC types not supported yet"));
            assertEquals("GC types", e.feature());
            assertThrows(UnsupportedFeatureException.class, () -> parse("(rec (type (func)))"));
            assertThrows(UnsupportedFeatureException.class, () -> parse("(func (ref.i31 (i32.const 0)) drop)"));
        }
    }

    @Nested
    class ImportsAndExports {
        @Test
        void inlineImportsAndExports() {
            var m = parse("""
                    (func $f (export "a") (export "b") (import "m" "f") (param i32))
                    (table $t (export "t") (import "m" "t") 1 2 funcref)
                    (memory (import "m" "mem") i64 1)
                    (global $g (import "m" "g") (mut i32))
                    (tag (export "e") (import "m" "e") (param i64))
                    (func (export "c"))
                    (export "g" (global $g))""");
            assertEquals(5, m.imports().size());
            assertEquals(new ImportDesc.Func(0), m.imports().get(0).desc());
            assertEquals(new Limits(1, OptionalLong.of(2), false, false),
                    ((ImportDesc.Table) m.imports().get(1).desc()).type().limits());
            assertTrue(((ImportDesc.Memory) m.imports().get(2).desc()).type().limits().address64());
            assertTrue(((ImportDesc.Global) m.imports().get(3).desc()).type().mutable());
            assertEquals(List.of(new Export("a", ExternKind.FUNC, 0), new Export("b", ExternKind.FUNC, 0),
                    new Export("t", ExternKind.TABLE, 0), new Export("e", ExternKind.TAG, 0),
                    new Export("c", ExternKind.FUNC, 1), new Export("g", ExternKind.GLOBAL, 0)), m.exports());
        }

        @Test
        void importsMustComeFirst() {
            assertTrue(error("(func) (import \"\" \"\" (func))").getMessage().startsWith("import after function"));
            assertTrue(error("(global i64 (i64.const 0)) (import \"\" \"\" (memory 1))").getMessage()
                    .startsWith("import after global"));
            assertTrue(error("(memory 0) (func (import \"\" \"\"))").getMessage().startsWith("import after memory"));
        }

        @Test
        void namesMustBeUtf8() {
            assertEquals("malformed UTF-8 encoding", error("(func (export \"\\ff\"))").reason());
            assertEquals("malformed UTF-8 encoding", error("(import \"\\c0\\80\" \"\" (func))").reason());
        }
    }

    @Nested
    class Identifiers {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "(func $f) (func $f)|duplicate function",
            "(func (param $x i32) (local $x i32))|duplicate local",
            "(global $g i32 (i32.const 0)) (global $g i32 (i32.const 0))|duplicate global",
            "(memory $m 1) (import \"\" \"\" (memory $m 1))|duplicate memory",
            "(table $t 1 funcref) (table $t 1 funcref)|duplicate table",
            "(type $t (func)) (type $t (func))|duplicate type",
            "(elem $e func) (elem $e func)|duplicate elem segment",
            "(data $d) (data $d)|duplicate data segment",
            "(tag $e) (tag $e)|duplicate tag",
        })
        void duplicates(String text, String reason) {
            assertEquals(reason, error(text).reason());
            assertTrue(error(text).getMessage().startsWith(reason.substring(0, 13)));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "(func call $g)|unknown function",
            "(func local.get $x)|unknown local",
            "(func global.get $x)|unknown global",
            "(func br $l)|unknown label",
            "(func (block $l) br $l)|unknown label",
            "(func table.size $t)|unknown table",
            "(func memory.size $m)|unknown memory",
            "(func elem.drop $e)|unknown elem segment",
            "(func data.drop $d)|unknown data segment",
            "(func throw $e)|unknown tag",
            "(func (param (ref $t)))|unknown type",
            "(export \"f\" (func $f))|unknown function",
            "(start $s)|unknown function",
        })
        void unknownIdentifiers(String text, String reason) {
            assertEquals(reason, error(text).reason());
        }

        @Test
        void numericIndicesAreNotChecked() {
            assertEquals(List.of(idx(Opcode.CALL, 99), idx(Opcode.LOCAL_GET, 7), idx(Opcode.BR, 4)),
                    body("call 99 local.get 7 br 4"));
        }

        @Test
        void localsNumberParametersFirst() {
            var m = parse("(func (param $a i32) (param i64 f32) (param $d f64) (local $e i32) (local i32 i32) (local $h v128)"
                    + " local.get $a local.get $d local.get $e local.get $h local.get 5)");
            assertEquals(List.of(idx(Opcode.LOCAL_GET, 0), idx(Opcode.LOCAL_GET, 3), idx(Opcode.LOCAL_GET, 4),
                    idx(Opcode.LOCAL_GET, 7), idx(Opcode.LOCAL_GET, 5)), code(m, 0));
            assertEquals(List.of(new LocalGroup(3, I32), new LocalGroup(1, flint.wasm.model.VecType.V128)),
                    m.codes().getFirst().locals());
        }

        @Test
        void separateNamespaces() {
            var m = parse("(func $x (param $x i32) (block $x (br $x)) (call $x (local.get $x))) (global $x i32 (i32.const 0))");
            assertEquals(List.of(new Instruction.Block(Opcode.BLOCK, BlockType.EMPTY), idx(Opcode.BR, 0), Instruction.END,
                    idx(Opcode.LOCAL_GET, 0), idx(Opcode.CALL, 0)), code(m, 0));
        }

        @Test
        void quotedIdentifiersEqualPlainOnes() {
            var m = parse("(func $\"a b\") (func $ab) (func call $\"a b\" call $\"\\61b\")");
            assertEquals(List.of(idx(Opcode.CALL, 0), idx(Opcode.CALL, 1)), code(m, 2));
        }
    }

    @Nested
    class Labels {
        @Test
        void innermostLabelWins() {
            assertEquals(List.of(new Instruction.Block(Opcode.BLOCK, BlockType.EMPTY), new Instruction.Block(Opcode.LOOP, BlockType.EMPTY),
                    new Instruction.Block(Opcode.BLOCK, BlockType.EMPTY), idx(Opcode.BR, 0), idx(Opcode.BR, 1), Instruction.END,
                    idx(Opcode.BR, 1), Instruction.END, Instruction.END),
                    body("(block $l (loop $m (block $l (br $l) (br $m)) (br $l)))"));
        }

        @Test
        void endLabelsMustMatch() {
            body("block $l end $l loop $x end $x i32.const 0 if $i else $i end $i");
            assertEquals("mismatching label", error("(func block end $l)").reason());
            assertEquals("mismatching label", error("(func block $a end $l)").reason());
            assertEquals("mismatching label", error("(func i32.const 0 if $a else $b end)").reason());
        }

        @Test
        void foldedIfConditionIsOutsideItsLabel() {
            assertEquals(List.of(new Instruction.Block(Opcode.BLOCK, BlockType.EMPTY), idx(Opcode.LOCAL_GET, 0),
                    new Instruction.Block(Opcode.IF, BlockType.EMPTY), idx(Opcode.BR, 1), idx(Opcode.BR, 0),
                    new Instruction.Plain(Opcode.ELSE), Instruction.END, Instruction.END),
                    code(parse("(func (param i32) (block $b (if $i (local.get 0) (then (br $b) (br $i)) (else))))"), 0));
            assertEquals("unknown label", error("(func (if $i (br_if $i (i32.const 0)) (then)))").reason());
        }

        @Test
        void catchLabelsAreOutsideTheTryTable() {
            var m = parse("""
                    (tag $e (param i32))
                    (func (result i32)
                      (block $h (result i32)
                        (try_table $t (catch $e $h) (catch_all_ref 1) (throw $e (i32.const 1)))
                        (i32.const 0)))""");
            assertEquals(new Instruction.TryTable(BlockType.EMPTY,
                    List.of(new Catch(Catch.Kind.CATCH, 0, 0), new Catch(Catch.Kind.CATCH_ALL_REF, -1, 1))), code(m, 0).get(1));
            assertEquals("unknown label", error("(tag $e) (func (try_table $t (catch $e $t)))").reason());
            var flat = parse("(tag $e) (func block $h try_table (catch_ref $e $h) end end)");
            assertEquals(new Instruction.TryTable(BlockType.EMPTY, List.of(new Catch(Catch.Kind.CATCH_REF, 0, 0))), code(flat, 0).get(1));
        }
    }

    @Nested
    class Instructions {
        @Test
        void foldedOperandsComeFirst() {
            assertEquals(List.of(new Instruction.I32Const(1), new Instruction.I32Const(2), new Instruction.Plain(Opcode.I32_ADD),
                    new Instruction.Plain(Opcode.DROP)), body("(drop (i32.add (i32.const 1) (i32.const 2)))"));
        }

        @Test
        void blockTypes() {
            var m = parse("(type $t (func (result i32))) (func (block (type $t) (i32.const 1)) drop (loop (result i64 i64) unreachable) unreachable)");
            assertEquals(new Instruction.Block(Opcode.BLOCK, new BlockType.TypeIndex(0)), code(m, 0).getFirst());
            assertEquals(new Instruction.Block(Opcode.LOOP, new BlockType.TypeIndex(2)), code(m, 0).get(4));
            assertEquals(new FuncType(List.of(), List.of(I64, I64)), m.types().get(2));
            assertEquals("unexpected token", error("(func (block (param $x i32) (drop)))").reason());
        }

        @Test
        void selectForms() {
            assertEquals(List.of(new Instruction.Plain(Opcode.SELECT), new Instruction.SelectTyped(List.of(I32)),
                    new Instruction.SelectTyped(List.of())), body("select select (result i32) select (result)"));
        }

        @Test
        void memoryImmediates() {
            var m = parse("""
                    (memory $a 1) (memory $b i64 1)
                    (func
                      (i64.load offset=0x1_0000_0000 align=2 (i32.const 0)) drop
                      (i32.store8 $b offset=3 (i64.const 0) (i32.const 0))
                      (f32.load 1 (i64.const 0)) drop
                      (memory.copy $a $b (i32.const 0) (i32.const 0) (i32.const 0))
                      (drop (memory.size $b)) (drop (memory.grow 1 (i64.const 1)))
                      (memory.fill $b (i64.const 0) (i32.const 0) (i64.const 0)))""");
            var c = code(m, 0);
            assertEquals(new Instruction.Memory(Opcode.I64_LOAD, new MemArg(1, 0x1_0000_0000L, 0)), c.get(1));
            assertEquals(new Instruction.Memory(Opcode.I32_STORE8, new MemArg(0, 3, 1)), c.get(5));
            assertEquals(new Instruction.Memory(Opcode.F32_LOAD, new MemArg(2, 0, 1)), c.get(7));
            assertEquals(new Instruction.TwoIndex(Opcode.MEMORY_COPY, 0, 1), c.get(12));
            assertEquals(idx(Opcode.MEMORY_SIZE, 1), c.get(13));
            assertEquals(idx(Opcode.MEMORY_GROW, 1), c.get(16));
            assertEquals(idx(Opcode.MEMORY_FILL, 1), c.get(21));
            assertEquals("alignment must be a power of two", error("(memory 1) (func (i32.load align=3 (i32.const 0)) drop)").reason());
            assertEquals("alignment must be a power of two", error("(memory 1) (func (i32.load align=0 (i32.const 0)) drop)").reason());
        }

        @Test
        void laneMemoryImmediates() {
            var m = parse("(memory $m 1) (memory 1) (func (param v128)"
                    + " v128.load8_lane 3 v128.load8_lane 1 3 v128.load16_lane $m offset=4 align=1 7 v128.store64_lane 1 align=8 0)");
            assertEquals(List.of(new Instruction.MemoryLane(Opcode.V128_LOAD8_LANE, new MemArg(0, 0, 0), 3),
                    new Instruction.MemoryLane(Opcode.V128_LOAD8_LANE, new MemArg(0, 0, 1), 3),
                    new Instruction.MemoryLane(Opcode.V128_LOAD16_LANE, new MemArg(0, 4, 0), 7),
                    new Instruction.MemoryLane(Opcode.V128_STORE64_LANE, new MemArg(3, 0, 1), 0)), code(m, 0));
        }

        @Test
        void tableAndSegmentImmediates() {
            var m = parse("""
                    (type $ft (func)) (table $a 1 funcref) (table $b 1 funcref) (elem $e func) (memory 1) (memory $m 1) (data $d "")
                    (func table.init $e table.init $b $e table.copy table.copy $b $a call_indirect $b (type $ft)
                          memory.init $d memory.init $m $d data.drop $d elem.drop $e table.get $b)""");
            assertEquals(List.of(new Instruction.TwoIndex(Opcode.TABLE_INIT, 0, 0), new Instruction.TwoIndex(Opcode.TABLE_INIT, 0, 1),
                    new Instruction.TwoIndex(Opcode.TABLE_COPY, 0, 0), new Instruction.TwoIndex(Opcode.TABLE_COPY, 1, 0),
                    new Instruction.TwoIndex(Opcode.CALL_INDIRECT, 0, 1), new Instruction.TwoIndex(Opcode.MEMORY_INIT, 0, 0),
                    new Instruction.TwoIndex(Opcode.MEMORY_INIT, 0, 1), idx(Opcode.DATA_DROP, 0), idx(Opcode.ELEM_DROP, 0),
                    idx(Opcode.TABLE_GET, 1)), code(m, 0));
            assertEquals(OptionalInt.of(1), m.dataCount());
            assertEquals(OptionalInt.empty(), parse("(memory 1) (data \"\") (func)").dataCount());
        }

        @Test
        void typedFunctionReferences() {
            var m = parse("(type $t (func (param i32))) (func $f (type $t)) (elem declare func $f)"
                    + " (func (param (ref null $t)) (block $l (br_on_null $l (local.get 0)) (call_ref $t (i32.const 1)))"
                    + " (ref.null $t) (ref.null extern) (ref.func $f) (return_call_ref $t (i32.const 0)) unreachable)");
            var c = code(m, 1);
            assertEquals(idx(Opcode.BR_ON_NULL, 0), c.get(2));
            assertEquals(idx(Opcode.CALL_REF, 0), c.get(4));
            assertEquals(new Instruction.RefNull(new ConcreteHeapType(0)), c.get(6));
            assertEquals(new Instruction.RefNull(AbsHeapType.EXTERN), c.get(7));
            assertEquals(idx(Opcode.REF_FUNC, 0), c.get(8));
            assertEquals(idx(Opcode.RETURN_CALL_REF, 0), c.get(10));
        }

        @Test
        void unknownAndMisplacedWords() {
            var e = error("(func (drop (i32.const0)))");
            assertEquals("unknown operator", e.reason());
            assertTrue(e.getMessage().startsWith("unknown operator i32.const0"));
            assertTrue(error("(func (local $i i32) (drop (get_local $i)))").getMessage().startsWith("unknown operator get_local"));
            assertEquals("unexpected token", error("(func (drop (param i32)))").reason());
            assertEquals("unexpected token", error("(func (i32.add nop))").reason());
        }

        @Test
        void errorsNameFileLineAndColumn() {
            var e = error("(module\n  (func\n    i32.const 0\n    br $nowhere))");
            assertEquals("test.wat", e.file());
            assertEquals(4, e.line());
            assertEquals(8, e.column());
            assertEquals("unknown label $nowhere at test.wat:4:8", e.getMessage());
        }
    }

    @Nested
    class Constants {
        @Test
        void integers() {
            assertEquals(List.of(new Instruction.I32Const(-1), new Instruction.I32Const(Integer.MIN_VALUE), new Instruction.I64Const(-1),
                    new Instruction.I64Const(0x7fff_ffff_ffff_ffffL)),
                    body("i32.const 0xffff_ffff i32.const -2147483648 i64.const 18446744073709551615 i64.const +0x7fffffffffffffff"));
            assertEquals("constant out of range", error("(func i32.const 4294967296)").reason());
            assertEquals("constant out of range", error("(func i64.const -9223372036854775809)").reason());
            assertEquals("constant out of range", error("(func i32.const 1.5)").reason());
            assertEquals("unknown operator", error("(func i32.const 0x)").reason());
        }

        @Test
        void floats() {
            assertEquals(List.of(new Instruction.F32Const(0x7fa00000), new Instruction.F32Const(0xff800000),
                    new Instruction.F64Const(0x8000000000000000L), new Instruction.F64Const(0x3ff8000000000000L)),
                    body("f32.const nan:0x200000 f32.const -inf f64.const -0 f64.const 0x1.8p0"));
            assertEquals("constant out of range", error("(func f32.const 1e39)").reason());
            assertEquals("constant out of range", error("(func f64.const nan:0x0)").reason());
        }

        @Test
        void vectors() {
            var c = body("v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -1"
                    + " v128.const i16x8 0 1 2 3 4 5 6 0xffff v128.const i32x4 1 2 3 4 v128.const i64x2 -1 0x8000000000000000"
                    + " v128.const f32x4 1 -0 inf nan v128.const f64x2 1.5 nan:0x1");
            assertEquals(new Instruction.V128Const(0x0706050403020100L, 0xff0e0d0c0b0a0908L), c.get(0));
            assertEquals(new Instruction.V128Const(0x0003000200010000L, 0xffff000600050004L), c.get(1));
            assertEquals(new Instruction.V128Const(0x0000000200000001L, 0x0000000400000003L), c.get(2));
            assertEquals(new Instruction.V128Const(-1L, 0x8000000000000000L), c.get(3));
            assertEquals(new Instruction.V128Const(0x800000003f800000L, 0x7fc000007f800000L), c.get(4));
            assertEquals(new Instruction.V128Const(0x3ff8000000000000L, 0x7ff0000000000001L), c.get(5));
            assertEquals("wrong number of lane literals", error("(func (v128.const i32x4 0 0 0) drop)").reason());
            assertEquals("wrong number of lane literals", error("(func (v128.const i32x4 0x10000000000000000 0) drop)").reason());
            assertEquals("constant out of range", error("(func (v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0) drop)").reason());
            assertEquals("unexpected token", error("(func (v128.const 0 0 0 0) drop)").reason());
        }

        @Test
        void lanesAndShuffles() {
            var c = body("(param v128) (i8x16.extract_lane_s 15 (local.get 0)) drop"
                    + " (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (local.get 0) (local.get 0)) drop");
            assertEquals(idx(Opcode.I8X16_EXTRACT_LANE_S, 15), c.get(1));
            assertEquals(new Instruction.Shuffle(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31}), c.get(5));
            assertEquals("i8 constant out of range",
                    error("(func (param v128) (drop (i8x16.extract_lane_s 256 (local.get 0))))").reason());
            assertEquals("invalid lane length", error("(func (param v128) (drop (i8x16.shuffle 0 1 (local.get 0) (local.get 0))))").reason());
        }
    }

    @Nested
    class Segments {
        @Test
        void elementSegmentForms() {
            var m = parse("""
                    (table $t 2 funcref) (table $u 2 externref)
                    (func $f) (func $g)
                    (elem (i32.const 0) $f $g)
                    (elem (table $t) (offset (i32.const 1)) func $g)
                    (elem $p funcref (ref.func $f) (item ref.null func) (item (ref.func $g)))
                    (elem declare func $f)
                    (elem (table $u) (i32.const 0) externref (ref.null extern))
                    (elem 0 (i32.const 1) $f)""");
            var refFunc = new RefType(false, AbsHeapType.FUNC);
            var zero = ConstExpr.i32(0);
            assertEquals(List.of(
                    new ElementSegment(refFunc, new ElementSegment.Active(0, zero), List.of(ConstExpr.refFunc(0), ConstExpr.refFunc(1))),
                    new ElementSegment(refFunc, new ElementSegment.Active(0, ConstExpr.i32(1)), List.of(ConstExpr.refFunc(1))),
                    new ElementSegment(RefType.FUNCREF, ElementSegment.PASSIVE, List.of(ConstExpr.refFunc(0),
                            ConstExpr.of(new Instruction.RefNull(AbsHeapType.FUNC)), ConstExpr.refFunc(1))),
                    new ElementSegment(refFunc, ElementSegment.DECLARATIVE, List.of(ConstExpr.refFunc(0))),
                    new ElementSegment(RefType.EXTERNREF, new ElementSegment.Active(1, zero),
                            List.of(ConstExpr.of(new Instruction.RefNull(AbsHeapType.EXTERN)))),
                    new ElementSegment(refFunc, new ElementSegment.Active(0, ConstExpr.i32(1)), List.of(ConstExpr.refFunc(0)))),
                    m.elements());
        }

        @Test
        void inlineTableElements() {
            var m = parse("(func $f) (elem $before func) (table $t i64 funcref (elem $f $f $f)) (elem $after func) (func elem.drop $after)");
            assertEquals(new Limits(3, OptionalLong.of(3), true, false), m.tables().getFirst().type().limits());
            var inline = m.elements().get(1);
            assertEquals(RefType.FUNCREF, inline.type());
            assertEquals(new ElementSegment.Active(0, ConstExpr.of(new Instruction.I64Const(0))), inline.mode());
            assertEquals(idx(Opcode.ELEM_DROP, 2), code(m, 1).getFirst());
            var exprs = parse("(table externref (elem (item ref.null extern) (ref.null extern)))");
            assertEquals(2, exprs.elements().getFirst().items().size());
        }

        @Test
        void dataSegmentForms() {
            var m = parse("""
                    (memory $m 1) (memory $n 1)
                    (data (i32.const 8) "ab" "\\63\\u{1F600}")
                    (data (memory $n) (offset (i32.add (global.get 0) (i32.const 1))) "")
                    (data $p "x")
                    (data 1 (i32.const 0) "y")""");
            assertEquals(new DataSegment(new DataSegment.Active(0, ConstExpr.i32(8)),
                    "abc\uD83D\uDE00".getBytes(StandardCharsets.UTF_8)), m.data().get(0));
            assertEquals(new DataSegment.Active(1, ConstExpr.of(new Instruction.Indexed(Opcode.GLOBAL_GET, 0),
                    new Instruction.I32Const(1), new Instruction.Plain(Opcode.I32_ADD))), m.data().get(1).mode());
            assertEquals(DataSegment.PASSIVE, m.data().get(2).mode());
            assertEquals(1, ((DataSegment.Active) m.data().get(3).mode()).memory());
        }

        @Test
        void inlineMemoryData() {
            var m = parse("(memory i64 (data \"a\" \"b\")) (memory (data))");
            assertEquals(new Limits(1, OptionalLong.of(1), true, false), m.memories().get(0).limits());
            assertEquals(new Limits(0, OptionalLong.of(0), false, false), m.memories().get(1).limits());
            assertEquals(new DataSegment.Active(0, ConstExpr.of(new Instruction.I64Const(0))), m.data().get(0).mode());
            assertEquals(new DataSegment.Active(1, ConstExpr.i32(0)), m.data().get(1).mode());
        }

        @Test
        void tableInitializers() {
            var m = parse("(func $f) (table 10 (ref func) (ref.func $f)) (table 1 funcref)");
            assertEquals(ConstExpr.refFunc(0), m.tables().get(0).init().orElseThrow());
            assertFalse(m.tables().get(1).init().isPresent());
        }

        @Test
        void globalsAndStart() {
            var m = parse("(global (mut i64) (i64.const 1)) (global i32 i32.const 2 i32.const 3 i32.mul) (func $s) (start $s)");
            assertEquals(3, m.globals().get(1).init().instructions().size());
            assertEquals(OptionalInt.of(0), m.start());
            assertEquals("multiple start sections", error("(func $a) (start $a) (start $a)").reason());
        }
    }

    @Nested
    class Annotations {
        @Test
        void annotationsAreIgnoredAnywhere() {
            assertEquals(parse("(module $m (func (param i32) (result i32) (local.get 0)))"),
                    parse("((@a) module (@a) $m ((@a) func (@a x) (param (@b) i32) (result i32) (local.get (@c) 0)))"));
        }

        @Test
        void customAnnotationsBecomeCustomSections() {
            var m = parse("(@custom \"a\" \"x\" \"y\") (func) (@custom \"b\" (after func) \"\") (@custom \"c\" (before first))");
            assertEquals(List.of("c", "b", "a"), m.customs().stream().map(flint.wasm.model.CustomSection::name).toList());
            assertEquals(List.of(0, 3, 11), m.customs().stream().map(flint.wasm.model.CustomSection::placement).toList());
            assertEquals("misplaced @custom annotation", error("(func (@custom \"x\"))").reason());
            assertTrue(error("(@custom)").getMessage().startsWith("@custom annotation: missing section name"));
        }
    }

    @Test
    void bytesInputMustBeUtf8() {
        var bytes = new byte[] {'(', 'm', 'o', 'd', 'u', 'l', 'e', '\n', ';', ';', (byte) 0xC0, ')'};
        var e = assertThrows(TextParseException.class, () -> WatParser.parse(bytes, "bad.wat"));
        assertEquals("malformed UTF-8 encoding", e.reason());
        assertEquals(2, e.line());
        assertEquals(3, e.column());
    }
}

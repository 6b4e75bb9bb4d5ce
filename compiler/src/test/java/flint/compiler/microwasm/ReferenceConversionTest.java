package flint.compiler.microwasm;

import static flint.compiler.microwasm.Converted.ops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.model.FuncType;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reference types, tables and bulk memory in Microwasm (stage 2, part 2): what the converter makes
 * of them (every function is checked by {@link MicrowasmChecker} through {@link Converted}), how
 * the printer writes them, and how the checker types them.
 */
class ReferenceConversionTest {

    @Test void referenceLocalsStartNullAndRefFuncIsErasedToFuncref() {
        // ref.func has the type (ref $t) in the validator; Microwasm knows only funcref, so the
        // block joining it with a funcref local takes [funcref ...] and the checker accepts it
        assertEquals(List.of(
                "ref.null funcref",            // local 0
                "ref.null externref",          // local 1
                "ref.func 0",
                "pick 2",
                "i32.const 1",
                "select funcref",
                "ref.is_null",
                "br return drop [1..2]"),
                ops("(module (elem declare func $f) (func $f (result i32) (local funcref externref)"
                        + " (ref.is_null (select (result funcref) (ref.func $f) (local.get 0) (i32.const 1)))))"));
    }

    @Test void tablesAndCallIndirect() {
        assertEquals(List.of(
                "i32.const 0",
                "table.get 0 funcref",
                "i32.const 1",
                "table.grow 0 funcref",
                "drop [0]",
                "table.size 1",
                "drop [0]",
                "i32.const 7",
                "i32.const 2",
                "call_indirect 0 type 0 [i32] -> [i32]",
                "br return"),
                ops("(module (type $t (func (param i32) (result i32))) (table 2 funcref) (table 1 externref)"
                        + " (func (result i32) (drop (table.grow 0 (table.get 0 (i32.const 0)) (i32.const 1)))"
                        + " (drop (table.size 1)) (call_indirect (type $t) (i32.const 7) (i32.const 2))))"));
    }

    @Test void bulkOperatorsKeepTheirIndicesInSpecOrder() {
        assertEquals(List.of(
                "i32.const 1", "i32.const 2", "i32.const 3", "table.init 1 elem 0",
                "elem.drop 0",
                "i32.const 1", "i32.const 2", "i32.const 3", "table.copy 1 0",
                "i32.const 1", "ref.null externref", "i32.const 3", "table.fill 2 externref",
                "i32.const 1", "i32.const 2", "i32.const 3", "memory.init data 0",
                "data.drop 0",
                "i32.const 1", "i32.const 2", "i32.const 3", "memory.copy",
                "i32.const 1", "i32.const 2", "i32.const 3", "memory.fill",
                "br return"),
                ops("(module (memory 1) (table 1 funcref) (table 1 funcref) (table 1 externref) (elem func) (data \"x\")"
                        + " (func (table.init 1 0 (i32.const 1) (i32.const 2) (i32.const 3)) (elem.drop 0)"
                        + " (table.copy 1 0 (i32.const 1) (i32.const 2) (i32.const 3))"
                        + " (table.fill 2 (i32.const 1) (ref.null extern) (i32.const 3))"
                        + " (memory.init 0 (i32.const 1) (i32.const 2) (i32.const 3)) (data.drop 0)"
                        + " (memory.copy (i32.const 1) (i32.const 2) (i32.const 3))"
                        + " (memory.fill (i32.const 1) (i32.const 2) (i32.const 3))))"));
    }

    @Test void referenceBlockParametersAndGlobals() {
        assertEquals(List.of(
                "global.get 0 externref",
                "declare L0.end [externref]",
                "br L0.end",
                "L0.end:",
                "global.set 0 externref",
                "br return"),
                ops("(module (global (mut externref) (ref.null extern))"
                        + " (func (global.set 0 (block (result externref) (br 0 (global.get 0))))))"));
    }

    @Test void theCheckerTypesReferences() {
        var header = new FunctionHeader(0, FuncType.of(List.of(), List.of(NumType.I32)), List.of());
        var ok = new MicrowasmFunction(header, List.of(new MicroOp.RefNull(RefType.EXTERNREF), MicroOp.REF_IS_NULL,
                new MicroOp.Br(BrTarget.to(Target.RETURN))), List.of());
        MicrowasmChecker.check(ok);
        var bad = new MicrowasmFunction(header, List.of(new MicroOp.I32Const(0), MicroOp.REF_IS_NULL,
                new MicroOp.Br(BrTarget.to(Target.RETURN))), List.of());
        var e = assertThrows(IllegalStateException.class, () -> MicrowasmChecker.check(bad));
        assertTrue(e.getMessage().contains("ref.is_null of"), e.getMessage());
        var mismatch = new MicrowasmFunction(header, List.of(new MicroOp.I32Const(0), new MicroOp.RefFunc(0),
                new MicroOp.TableSet(0, RefType.EXTERNREF), new MicroOp.I32Const(0), new MicroOp.Br(BrTarget.to(Target.RETURN))),
                List.of());
        e = assertThrows(IllegalStateException.class, () -> MicrowasmChecker.check(mismatch));
        assertTrue(e.getMessage().contains("expects externref but finds funcref"), e.getMessage());
    }
}

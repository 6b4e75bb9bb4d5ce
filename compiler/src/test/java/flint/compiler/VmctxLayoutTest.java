package flint.compiler;

import static flint.wasm.model.NumType.F64;
import static flint.wasm.model.NumType.I32;
import static flint.wasm.model.NumType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.FuncType;
import flint.wasm.model.Instruction;
import flint.wasm.model.Limits;
import flint.wasm.model.RefType;
import flint.wasm.model.TableType;
import flint.wasm.model.VecType;
import java.util.List;
import org.junit.jupiter.api.Test;

class VmctxLayoutTest {

    @Test
    void memoriesThenImportedFunctionsThenGlobals() {
        var b = new ModuleBuilder();
        b.importFunction("env", "f", FuncType.EMPTY);
        b.importFunction("env", "g", FuncType.of(List.of(I32), List.of()));
        b.importMemory("env", "mem", Limits.of(1));
        b.importGlobal("env", "imported", I64, true);
        b.memory(Limits.of(0));
        b.global(I32, true, ConstExpr.i32(1));
        b.global(VecType.V128, false, ConstExpr.of(new Instruction.V128Const(0, 0)));
        b.global(F64, false, ConstExpr.of(Instruction.f64(1)));
        var layout = VmctxLayout.of(b.build());

        assertEquals(2, layout.memoryCount());
        assertEquals(Abi.MEMORY0_BASE, layout.memoryBase(0));
        assertEquals(Abi.MEMORY0_LENGTH, layout.memoryLength(0));
        assertEquals(32, layout.memoryBase(1));
        assertEquals(40, layout.memoryLength(1));
        assertEquals(48, layout.importedFunction(0));
        assertEquals(72, layout.importedFunction(1));
        assertEquals(96, layout.global(0), "imported: a pointer");
        assertTrue(layout.isGlobalImported(0));
        assertEquals(104, layout.global(1), "defined i32, inline");
        assertFalse(layout.isGlobalImported(1));
        assertEquals(112, layout.global(2), "v128 is 16-aligned");
        assertEquals(128, layout.global(3));
        assertEquals(136, layout.typeId(0), "type ids after the globals (no tables)");
        assertEquals(140, layout.typeId(1));
        assertEquals(144, layout.size());
        assertThrows(IndexOutOfBoundsException.class, () -> layout.memoryBase(2));
        assertThrows(IndexOutOfBoundsException.class, () -> layout.importedFunction(2));
    }

    @Test
    void everyFunctionHasARecordAndTablesArePointersAfterTheGlobals() {
        var b = new ModuleBuilder();
        b.importFunction("env", "f", FuncType.EMPTY);
        b.importTable("env", "t", new TableType(RefType.FUNCREF, Limits.of(1)));
        b.function(FuncType.of(List.of(I32), List.of(I32)), List.of(), List.of(Instruction.localGet(0)));
        b.table(RefType.EXTERNREF, Limits.of(2));
        b.global(I64, false, ConstExpr.of(new Instruction.I64Const(7)));
        var layout = VmctxLayout.of(b.build());

        assertEquals(2, layout.functionCount());
        assertEquals(1, layout.importedFunctionCount());
        assertEquals(16, layout.function(0));
        assertEquals(16 + Abi.FUNC_ENTRY_SIZE, layout.function(1), "defined functions have records too");
        assertEquals(64, layout.global(0));
        assertEquals(2, layout.tableCount());
        assertEquals(72, layout.table(0), "imported table: pointer");
        assertEquals(80, layout.table(1), "defined table: pointer too");
        assertEquals(88, layout.typeId(0));
        assertEquals(92, layout.typeId(1));
        assertEquals(96, layout.size());
        assertThrows(IndexOutOfBoundsException.class, () -> layout.importedFunction(1));
        assertThrows(IndexOutOfBoundsException.class, () -> layout.table(2));
    }

    @Test
    void anEmptyModuleNeedsOnlyTheHeader() {
        var layout = VmctxLayout.of(new ModuleBuilder().build());
        assertEquals(Abi.VMCTX_MEMORIES, layout.size());
        assertEquals(0, layout.memoryCount());
    }
}

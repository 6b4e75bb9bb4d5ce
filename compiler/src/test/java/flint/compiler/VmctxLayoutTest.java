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
        assertEquals(64, layout.importedFunction(1));
        assertEquals(80, layout.global(0), "imported: a pointer");
        assertTrue(layout.isGlobalImported(0));
        assertEquals(88, layout.global(1), "defined i32, inline");
        assertFalse(layout.isGlobalImported(1));
        assertEquals(96, layout.global(2), "v128 is 16-aligned");
        assertEquals(112, layout.global(3));
        assertEquals(128, layout.size());
        assertThrows(IndexOutOfBoundsException.class, () -> layout.memoryBase(2));
        assertThrows(IndexOutOfBoundsException.class, () -> layout.importedFunction(2));
    }

    @Test
    void anEmptyModuleNeedsOnlyTheHeader() {
        var layout = VmctxLayout.of(new ModuleBuilder().build());
        assertEquals(Abi.VMCTX_MEMORIES, layout.size());
        assertEquals(0, layout.memoryCount());
    }
}

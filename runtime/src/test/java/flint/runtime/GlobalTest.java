package flint.runtime;

import static flint.compiler.x64.asm.Gpr.RAX;
import static flint.compiler.x64.asm.Gpr.RCX;
import static flint.compiler.x64.asm.Size.S64;
import static flint.wasm.model.NumType.F32;
import static flint.wasm.model.NumType.I32;
import static flint.wasm.model.NumType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.compiler.Abi;
import flint.compiler.x64.asm.Mem;
import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.FuncType;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.RefType;
import flint.wasm.model.VecType;
import flint.wasm.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Globals: defined ones inline in the vmctx (one load), imported ones through a pointer to the
 * exporter's cell, initializers as constant expressions.
 */
class GlobalTest extends NativeTest {

    private static final FuncType TO_I64 = FuncType.of(List.of(), List.of(I64));
    private static final FuncType I64_TO_NONE = FuncType.of(List.of(I64), List.of());

    /** get() and set(v) of global {@code global}, inline or through its pointer. */
    private static HandCompiler accessors(HandCompiler module, int get, int set, int global, boolean imported) {
        return module
                .function(get, f -> {
                    var slot = Mem.of(Abi.VMCTX, f.layout().global(global));
                    if (imported) {
                        f.asm.mov(S64, RCX, slot);
                        f.asm.mov(S64, RAX, Mem.of(RCX, 0));
                    } else {
                        f.asm.mov(S64, RAX, slot);
                    }
                    f.asm.mov(S64, f.result(0), RAX);
                })
                .function(set, f -> {
                    f.asm.mov(S64, RAX, f.param(0));
                    var slot = Mem.of(Abi.VMCTX, f.layout().global(global));
                    if (imported) {
                        f.asm.mov(S64, RCX, slot);
                        f.asm.mov(S64, Mem.of(RCX, 0), RAX);
                    } else {
                        f.asm.mov(S64, slot, RAX);
                    }
                });
    }

    private NativeInstance counter() {
        var b = new ModuleBuilder();
        int g = b.global(I64, true, ConstExpr.of(Instruction.i64(5)));
        int get = b.function(TO_I64, List.of());
        int set = b.function(I64_TO_NONE, List.of());
        b.exportGlobal("counter", g).exportFunction("get", get).exportFunction("set", set);
        return instantiate(accessors(HandCompiler.of(b.build()), get, set, g, false));
    }

    @Test
    void definedGlobalsLiveInTheVmctx() {
        var instance = counter();
        var counter = instance.global("counter");
        assertEquals(List.of(Value.i64(5)), call(instance, "get"), "initialized");
        call(instance, "set", Value.i64(-9));
        assertEquals(Value.i64(-9), counter.get(), "Java sees what code wrote");
        counter.set(Value.i64(77));
        assertEquals(List.of(Value.i64(77)), call(instance, "get"), "code sees what Java wrote");
        assertThrows(IllegalArgumentException.class, () -> counter.set(Value.i32(1)));
    }

    @Test
    void importedGlobalsShareTheExportersCell() {
        var exporter = counter();
        var b = new ModuleBuilder();
        int g = b.importGlobal("env", "counter", I64, true);
        int get = b.function(TO_I64, List.of());
        int set = b.function(I64_TO_NONE, List.of());
        b.exportFunction("get", get).exportFunction("set", set).exportGlobal("again", g);
        var importer = instantiate(accessors(HandCompiler.of(b.build()), get, set, g, true),
                imports("env", "counter", exporter.global("counter")));

        call(importer, "set", Value.i64(123));
        assertEquals(List.of(Value.i64(123)), call(exporter, "get"));
        call(exporter, "set", Value.i64(-1));
        assertEquals(List.of(Value.i64(-1)), call(importer, "get"));
        assertEquals(Value.i64(-1), importer.global("again").get(), "re-exported: the same cell");
    }

    @Test
    void initializersReadImportedGlobalsAndDoExtendedConstArithmetic() {
        var base = new ModuleBuilder();
        int seven = base.global(I32, false, ConstExpr.i32(7));
        base.exportGlobal("seven", seven);
        var exporter = instantiate(HandCompiler.of(base.build()));

        var b = new ModuleBuilder();
        int imported = b.importGlobal("env", "seven", I32, false);
        // (global i32 (i32.add (global.get 0) (i32.mul (i32.const 5) (i32.const 3)))) = 22
        int sum = b.global(I32, false, ConstExpr.of(Instruction.indexed(Opcode.GLOBAL_GET, imported),
                Instruction.i32(5), Instruction.i32(3), Instruction.plain(Opcode.I32_MUL), Instruction.plain(Opcode.I32_ADD)));
        // (global i32 (i32.sub (global.get 1) (i32.const 2))) = 20: a defined global seen by a later one
        int less = b.global(I32, false, ConstExpr.of(Instruction.indexed(Opcode.GLOBAL_GET, sum),
                Instruction.i32(2), Instruction.plain(Opcode.I32_SUB)));
        int nan = b.global(F32, false, ConstExpr.of(new Instruction.F32Const(0x7FA0_0001)));
        int vector = b.global(VecType.V128, true, ConstExpr.of(new Instruction.V128Const(1, -1)));
        int ref = b.global(RefType.EXTERNREF, true, ConstExpr.of(new Instruction.RefNull(flint.wasm.model.AbsHeapType.EXTERN)));
        b.exportGlobal("sum", sum).exportGlobal("less", less).exportGlobal("nan", nan).exportGlobal("vector", vector)
                .exportGlobal("ref", ref);
        var instance = instantiate(HandCompiler.of(b.build()), imports("env", "seven", exporter.global("seven")));

        assertEquals(Value.i32(22), instance.global("sum").get());
        assertEquals(Value.i32(20), instance.global("less").get());
        assertEquals(new Value.F32(0x7FA0_0001), instance.global("nan").get(), "NaN payload kept");
        assertEquals(new Value.V128(1, -1), instance.global("vector").get());
        assertEquals(0, instance.module().compiled().vmctxLayout().global(vector) % 16, "v128 cells are aligned");
        assertEquals(Value.ExternRef.NULL, instance.global("ref").get());
        instance.global("ref").set(new Value.ExternRef("hello"));
        assertEquals(new Value.ExternRef("hello"), instance.global("ref").get(), "externrefs round-trip by handle");
        assertThrows(IllegalStateException.class, () -> instance.global("sum").set(Value.i32(1)), "immutable");
    }

    @Test
    void globalImportsMatchTypeAndMutability() {
        var exporter = counter(); // (mut i64)
        var offered = imports("env", "g", exporter.global("counter"));
        for (var wrong : List.of(new Object[] {I64, false}, new Object[] {I32, true})) {
            var b = new ModuleBuilder();
            b.importGlobal("env", "g", (flint.wasm.model.ValType) wrong[0], (boolean) wrong[1]);
            var e = assertThrows(UnlinkableException.class, () -> instantiate(HandCompiler.of(b.build()), offered));
            assertEquals(UnlinkableException.Kind.INCOMPATIBLE_IMPORT_TYPE, e.kind());
        }
        var b = new ModuleBuilder();
        b.importGlobal("env", "g", I64, true);
        instantiate(HandCompiler.of(b.build()), offered);

        var kind = new ModuleBuilder();
        kind.importGlobal("env", "g", I64, true);
        var e = assertThrows(UnlinkableException.class, () -> instantiate(HandCompiler.of(kind.build()),
                imports("env", "g", exporter.function("get"))));
        assertTrue(e.detail().contains("expected a global"), e.detail());
    }
}

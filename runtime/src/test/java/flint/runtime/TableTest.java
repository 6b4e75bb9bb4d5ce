package flint.runtime;

import static flint.compiler.x64.asm.Gpr.RAX;
import static flint.compiler.x64.asm.Gpr.RCX;
import static flint.compiler.x64.asm.Gpr.RDX;
import static flint.compiler.x64.asm.Size.S32;
import static flint.compiler.x64.asm.Size.S64;
import static flint.wasm.model.NumType.I32;
import static flint.wasm.model.NumType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.compiler.Abi;
import flint.compiler.WasmTrap;
import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Mem;
import flint.runtime.exec.TrapCode;
import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.FuncType;
import flint.wasm.model.Limits;
import flint.wasm.model.RefType;
import flint.wasm.model.TableType;
import flint.wasm.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tables: element arrays behind definitions the vmctx points to, element segments applied at
 * instantiation, function records as {@code funcref}s (callable from Java and, through the record
 * ABI, from code), imported tables shared between instances.
 */
class TableTest extends NativeTest {

    private static final FuncType CONSTANT = FuncType.of(List.of(), List.of(I64));
    private static final FuncType INDIRECT = FuncType.of(List.of(I64), List.of(I64));

    private static void returns(HandCompiler.Fn f, long value) {
        f.asm.movImm(S64, RAX, value);
        f.asm.mov(S64, f.result(0), RAX);
    }

    /**
     * {@code callAt(i)}: calls element {@code i} of table 0 as a {@code () -> i64} through its
     * function record, checking the record's type id against the vmctx's, as call_indirect will.
     */
    private static void callAt(HandCompiler.Fn f, int constantType) {
        var layout = f.layout();
        f.asm.mov(S64, RAX, Mem.of(Abi.VMCTX, layout.table(0)));
        f.asm.mov(S64, RCX, f.param(0));
        f.asm.mov(S64, RDX, Mem.of(RAX, Abi.TABLE_BASE_FIELD));
        f.asm.mov(S64, RDX, Mem.of(RDX, RCX, 8, 0));
        f.asm.mov(S32, RAX, Mem.of(RDX, Abi.FUNC_ENTRY_TYPE_ID));
        f.asm.cmp(S32, RAX, Mem.of(Abi.VMCTX, layout.typeId(constantType)));
        f.asm.jcc(Cond.NE, f.trap(WasmTrap.INDIRECT_CALL_TYPE_MISMATCH));
        f.callArea(CONSTANT);
        f.asm.mov(S64, RAX, Mem.of(RDX, Abi.FUNC_ENTRY_CODE));
        f.asm.mov(S64, Abi.VMCTX, Mem.of(RDX, Abi.FUNC_ENTRY_VMCTX));
        f.asm.call(RAX);
        f.asm.mov(S64, Abi.VMCTX, Mem.of(Gpr.RBP, Abi.FRAME_VMCTX));
        f.asm.mov(S64, RAX, f.arg(0));
        f.asm.mov(S64, f.result(0), RAX);
    }

    /** Exports table "t" (4 funcrefs) holding [null, f22, f11, null] and callAt. */
    private NativeInstance owner() {
        var b = new ModuleBuilder();
        int constantType = b.type(CONSTANT);
        int f11 = b.function(CONSTANT, List.of());
        int f22 = b.function(CONSTANT, List.of());
        int call = b.function(INDIRECT, List.of());
        int t = b.table(RefType.FUNCREF, Limits.of(4));
        b.element(new ElementSegment(RefType.FUNCREF, new ElementSegment.Active(t, ConstExpr.i32(1)),
                List.of(ConstExpr.refFunc(f22), ConstExpr.refFunc(f11))));
        b.exportTable("t", t).exportFunction("callAt", call).exportFunction("f11", f11);
        return instantiate(HandCompiler.of(b.build())
                .function(f11, f -> returns(f, 11))
                .function(f22, f -> returns(f, 22))
                .function(call, f -> callAt(f, constantType)));
    }

    @Test
    void elementSegmentsFillTheTableWithCallableReferences() {
        var table = owner().table("t");
        assertEquals(4, table.size());
        assertEquals(Value.FuncRef.NULL, table.get(0));
        assertEquals(Value.FuncRef.NULL, table.get(3));
        var ref = assertInstanceOf(NativeFuncRef.class, ((Value.FuncRef) table.get(1)).handle());
        assertEquals(List.of(Value.i64(22)), ref.function().call(List.of()));
        assertEquals(CONSTANT, ref.function().type());
        assertThrows(IndexOutOfBoundsException.class, () -> table.get(4));
    }

    @Test
    void codeCallsThroughFunctionRecords() {
        var instance = owner();
        assertEquals(List.of(Value.i64(22)), call(instance, "callAt", Value.i64(1)));
        assertEquals(List.of(Value.i64(11)), call(instance, "callAt", Value.i64(2)));
    }

    @Test
    void javaWritesReferencesThatCodeCalls() {
        var instance = owner();
        var table = instance.table("t");
        table.set(0, table.get(2));
        assertEquals(List.of(Value.i64(11)), call(instance, "callAt", Value.i64(0)));
        table.set(3, new Value.FuncRef(instance.function("f11")));
        assertEquals(List.of(Value.i64(11)), call(instance, "callAt", Value.i64(3)));
        assertEquals(table.get(2), table.get(3), "the same function's reference is the same record");
        assertThrows(IllegalArgumentException.class, () -> table.set(0, Value.i32(1)));
    }

    @Test
    void anImportedTableIsSharedAndItsTypeIdsAgreeAcrossInstances() {
        var owner = owner();
        var b = new ModuleBuilder();
        b.importTable("env", "t", new TableType(RefType.FUNCREF, Limits.of(2)));
        int i32Result = b.type(FuncType.of(List.of(), List.of(I32)));
        int constantType = b.type(CONSTANT);
        int f33 = b.function(CONSTANT, List.of());
        int wrong = b.function(FuncType.of(List.of(), List.of(I32)), List.of());
        int call = b.function(INDIRECT, List.of());
        b.element(new ElementSegment(RefType.FUNCREF, new ElementSegment.Active(0, ConstExpr.i32(0)),
                List.of(ConstExpr.refFunc(f33))));
        b.element(new ElementSegment(RefType.FUNCREF, new ElementSegment.Active(0, ConstExpr.i32(3)),
                List.of(ConstExpr.refFunc(wrong))));
        b.exportFunction("callAt", call);
        var importer = instantiate(HandCompiler.of(b.build())
                        .function(f33, f -> returns(f, 33))
                        .function(wrong, f -> returns(f, 0))
                        .function(call, f -> callAt(f, constantType)),
                imports("env", "t", owner.table("t")));
        assertTrue(i32Result != constantType);

        assertEquals(List.of(Value.i64(33)), call(owner, "callAt", Value.i64(0)), "the owner calls the importer's function");
        assertEquals(List.of(Value.i64(22)), call(importer, "callAt", Value.i64(1)), "and the other way round");
        assertTrap(TrapCode.INDIRECT_CALL_TYPE_MISMATCH, () -> call(owner, "callAt", Value.i64(3)));
    }

    @Test
    void anOutOfBoundsSegmentTrapsAndKeepsWhatEarlierSegmentsWrote() {
        var owner = owner();
        var b = new ModuleBuilder();
        b.importTable("env", "t", new TableType(RefType.FUNCREF, Limits.of(1)));
        int f = b.function(CONSTANT, List.of());
        b.element(new ElementSegment(RefType.FUNCREF, new ElementSegment.Active(0, ConstExpr.i32(0)),
                List.of(ConstExpr.refFunc(f))));
        b.element(new ElementSegment(RefType.FUNCREF, new ElementSegment.Active(0, ConstExpr.i32(3)),
                List.of(ConstExpr.refFunc(f), ConstExpr.refFunc(f))));
        var module = HandCompiler.of(b.build()).function(f, fn -> returns(fn, 44));
        assertTrap(TrapCode.OUT_OF_BOUNDS_TABLE, () -> instantiate(module, imports("env", "t", owner.table("t"))));
        assertEquals(List.of(Value.i64(44)), call(owner, "callAt", Value.i64(0)),
                "the failed instance's function stays callable: the store keeps it");
    }

    @Test
    void importsMatchElementTypeAndLimits() {
        var table = owner().table("t");
        var tooLarge = new ModuleBuilder();
        tooLarge.importTable("env", "t", new TableType(RefType.FUNCREF, Limits.of(5)));
        var e = assertThrows(UnlinkableException.class,
                () -> instantiate(HandCompiler.of(tooLarge.build()), imports("env", "t", table)));
        assertEquals(UnlinkableException.Kind.INCOMPATIBLE_IMPORT_TYPE, e.kind());
        var externs = new ModuleBuilder();
        externs.importTable("env", "t", new TableType(RefType.EXTERNREF, Limits.of(1)));
        assertThrows(UnlinkableException.class,
                () -> instantiate(HandCompiler.of(externs.build()), imports("env", "t", table)));
        table.grow(1, Value.FuncRef.NULL);
        instantiate(HandCompiler.of(tooLarge.build()), imports("env", "t", table)); // now 5 elements
    }

    @Test
    void growKeepsElementsUpToTheMaximum() {
        var b = new ModuleBuilder();
        int t = b.table(RefType.EXTERNREF, Limits.of(1, 3));
        b.exportTable("t", t);
        var table = instantiate(HandCompiler.of(b.build())).table("t");
        table.set(0, new Value.ExternRef("zero"));
        assertEquals(1, table.grow(2, new Value.ExternRef("new")));
        assertEquals(new Value.ExternRef("zero"), table.get(0));
        assertEquals(new Value.ExternRef("new"), table.get(2));
        assertEquals(-1, table.grow(1, Value.ExternRef.NULL), "beyond the maximum");
        assertEquals(3, table.size());
    }
}

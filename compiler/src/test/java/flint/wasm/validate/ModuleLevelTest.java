package flint.wasm.validate;

import static flint.wasm.validate.Wasm.*;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.DataSegment;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.ExternKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.Import;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.Limits;
import flint.wasm.model.MemoryType;
import flint.wasm.model.Opcode;
import flint.wasm.model.TableType;
import flint.wasm.model.TagType;
import flint.wasm.model.WasmModule;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Rules outside function bodies: types, limits, imports, constant expressions, segments, start, exports. */
class ModuleLevelTest {

    private static WasmModule withTypes(List<FuncType> types) {
        return new WasmModule(types, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                OptionalInt.empty(), List.of(), OptionalInt.empty(), List.of(), List.of(), List.of());
    }

    private static Limits limits64(long min, Long max) {
        return new Limits(min, max == null ? OptionalLong.empty() : OptionalLong.of(max), true, false);
    }

    @Test
    void emptyModuleIsValid() {
        assertValid(WasmModule.empty());
    }

    @Test
    void typesMayReferToThemselvesAndEarlierTypesOnly() {
        assertValid(withTypes(List.of(fn(types(I32), types()), fn(types(ref(0), refNull(1)), types(ref(1))))));
        assertInvalid("unknown type", withTypes(List.of(fn(types(ref(1)), types()))));
        // type-rec.wast / type-equivalence.wast: forward references are unknown even when the index exists.
        assertInvalid("unknown type", withTypes(List.of(fn(types(ref(1)), types()), fn(types(), types()))));
        assertInvalid("unknown type", withTypes(List.of(fn(types(), types(refNull(-1))))));
    }

    @Test
    void functionTypeIndicesMustExist() {
        var m = new WasmModule(List.of(), List.of(), List.of(4), List.of(), List.of(), List.of(), List.of(), List.of(),
                OptionalInt.empty(), List.of(), OptionalInt.empty(), List.of(ReferenceTest.body()), List.of(), List.of());
        assertInvalid("unknown type", m);
        assertInvalid("unknown type", new WasmModule(List.of(fn(types(), types())),
                List.of(new Import("spectest", "print_i32", new ImportDesc.Func(43))), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), OptionalInt.empty(), List.of(), OptionalInt.empty(), List.of(), List.of(), List.of()));
    }

    @Test
    void memoryLimits() {
        assertValid(module(b -> b.memory(Limits.of(0, 65536))));
        assertInvalid("memory size", module(b -> b.memory(Limits.of(65537))));
        assertInvalid("memory size", module(b -> b.memory(Limits.of(0, 0x1_0000_0000L))));
        assertInvalid("memory size", module(b -> b.importMemory("M", "m", Limits.of(0x1_0000_0000L))));
        assertInvalid("size minimum must not be greater than maximum", module(b -> b.memory(Limits.of(2, 1))));
        assertValid(module(b -> b.memory(limits64(0x1_0000_0000L, 1L << 48))));
        assertInvalid("memory size", module(b -> b.memory(limits64(0x1_0000_0000_0001L, null))));
        assertInvalid("memory size", module(b -> b.memory(limits64(0, -1L))));
        assertInvalid("size minimum must not be greater than maximum", module(b -> b.memory(limits64(1, 0L))));
        assertInvalid("shared memory must have maximum", module(b -> b.memory(new Limits(1, OptionalLong.empty(), false, true))));
        assertValid(module(b -> b.memory(new Limits(1, OptionalLong.of(2), false, true))));
        // Multiple memories are fine in Wasm 3.0.
        assertValid(module(b -> {
            b.importMemory("M", "m", Limits.of(1));
            b.memory(Limits.of(1));
            b.memory(limits64(1, null));
        }));
    }

    @Test
    void tableLimits() {
        assertValid(module(b -> b.table(FUNCREF, Limits.of(0xFFFF_FFFFL))));
        assertInvalid("table size", module(b -> b.table(FUNCREF, Limits.of(0x1_0000_0000L))));
        assertInvalid("table size", module(b -> b.table(FUNCREF, Limits.of(0, 0x1_0000_0000L))));
        assertInvalid("size minimum must not be greater than maximum", module(b -> b.table(FUNCREF, Limits.of(1, 0))));
        assertInvalid("size minimum must not be greater than maximum", module(b -> b.table(FUNCREF, Limits.of(0xFFFF_FFFFL, 0))));
        assertValid(module(b -> b.table(FUNCREF, limits64(0x1_0000_0000L, -1L))));
        assertInvalid("size minimum must not be greater than maximum", module(b -> b.table(FUNCREF, limits64(1, 0L))));
    }

    @Test
    void nonNullableTablesNeedAnInitializer() {
        assertInvalid("type mismatch", module(b -> b.table(ref(AbsHeapType.FUNC), Limits.of(0))));
        assertInvalid("type mismatch", module(b -> b.table(ref(AbsHeapType.EXTERN), Limits.of(0))));
        assertInvalid("type mismatch", module(b -> {
            int t = b.type(types(), types());
            b.table(ref(t), Limits.of(10));
        }));
        assertValid(module(b -> {
            int f = b.function(VOID, List.of());
            b.table(new TableType(ref(AbsHeapType.FUNC), Limits.of(1)), ConstExpr.refFunc(f));
        }));
        assertInvalid("type mismatch", module(b -> b.table(new TableType(ref(AbsHeapType.FUNC), Limits.of(1)),
                ConstExpr.of(refNullOf(AbsHeapType.FUNC)))));
        assertInvalid("type mismatch", module(b -> b.table(new TableType(FUNCREF, Limits.of(1)), ConstExpr.i32(0))));
        assertInvalid("type mismatch", module(b -> {
            int t = b.type(types(), types());
            b.table(new TableType(ref(t), Limits.of(1)), ConstExpr.of(refNullOf(AbsHeapType.FUNC)));
        }));
        // Imported tables need no initializer.
        assertValid(module(b -> b.importTable("M", "t", new TableType(ref(AbsHeapType.FUNC), Limits.of(1)))));
    }

    @Test
    void tableInitializersSeeOnlyImportedGlobals() {
        assertInvalid("unknown global", module(b -> {
            b.global(FUNCREF, false, ConstExpr.of(refNullOf(AbsHeapType.FUNC)));
            b.table(new TableType(FUNCREF, Limits.of(10)), ConstExpr.of(gget(0)));
        }));
        assertValid(module(b -> {
            b.importGlobal("M", "g", FUNCREF, false);
            b.table(new TableType(FUNCREF, Limits.of(10)), ConstExpr.of(gget(0)));
        }));
    }

    @Test
    void globalInitializers() {
        assertValid(module(b -> {
            b.importGlobal("M", "g", I32, false);
            b.global(I32, false, ConstExpr.of(gget(0), i32(2), op(Opcode.I32_MUL)));
            // Extended constants may read any earlier immutable global, defined ones included.
            b.global(I32, true, ConstExpr.of(gget(1), gget(0), op(Opcode.I32_SUB)));
            b.global(I64, false, ConstExpr.of(i64(1), i64(2), op(Opcode.I64_ADD)));
            b.global(V128, false, ConstExpr.of(v128()));
            b.global(FUNCREF, false, ConstExpr.of(refNullOf(AbsHeapType.FUNC)));
        }));
        assertInvalid("constant expression required", module(b -> b.global(F32, false, ConstExpr.of(f32(0), op(Opcode.F32_NEG)))));
        assertInvalid("constant expression required", module(b -> b.global(F32, false, ConstExpr.of(get(0)))));
        assertInvalid("constant expression required", module(b -> b.global(I32, false, ConstExpr.of(i32(0), NOP))));
        assertInvalid("constant expression required", module(b -> b.global(I32, false, ConstExpr.of(NOP))));
        assertInvalid("constant expression required", module(b -> b.global(I32, false, ConstExpr.of(i32(0), op(Opcode.I32_CTZ)))));
        assertInvalid("type mismatch", module(b -> b.global(I32, false, ConstExpr.of(f32(0)))));
        assertInvalid("type mismatch", module(b -> b.global(I32, false, ConstExpr.of(i32(0), i32(0)))));
        assertInvalid("type mismatch", module(b -> b.global(I32, false, ConstExpr.of())));
        assertInvalid("type mismatch", module(b -> b.global(I32, false, ConstExpr.of(i32(0), op(Opcode.I32_ADD)))));
        assertInvalid("type mismatch", module(b -> b.global(I64, false, ConstExpr.of(i32(0), i32(1), op(Opcode.I64_ADD)))));
        assertInvalid("type mismatch", module(b -> {
            b.importGlobal("", "", EXTERNREF, false);
            b.global(FUNCREF, false, ConstExpr.of(gget(0)));
        }));
        assertInvalid("unknown global", module(b -> b.global(I32, false, ConstExpr.of(gget(0)))));
        assertInvalid("unknown global", module(b -> {
            b.global(I32, false, ConstExpr.of(gget(1)));
            b.global(I32, false, ConstExpr.i32(0));
        }));
        assertInvalid("constant expression required", module(b -> {
            b.importGlobal("test", "global-mut-i32", I32, true);
            b.global(I32, false, ConstExpr.of(gget(0)));
        }));
        assertInvalid("unknown function 7", module(b -> {
            b.importFunction("M", "f", fn(types(I32), types(I32)));
            b.importFunction("M", "g", fn(types(I32), types(I32)));
            b.global(FUNCREF, false, ConstExpr.refFunc(7));
        }));
        assertInvalid("unknown type", module(b -> b.global(refNull(1), false, ConstExpr.of(refNullOf(new ConcreteHeapType(1))))));
    }

    @Test
    void elementSegments() {
        assertValid(module(b -> {
            b.table(FUNCREF, Limits.of(1));
            int f = b.function(VOID, List.of());
            b.activeFunctions(0, ConstExpr.i32(0), List.of(f, f));
            b.element(new ElementSegment(EXTERNREF, ElementSegment.PASSIVE, List.of(ConstExpr.of(refNullOf(AbsHeapType.EXTERN)))));
        }));
        assertInvalid("unknown table", module(b -> {
            int f = b.function(VOID, List.of());
            b.activeFunctions(0, ConstExpr.i32(0), List.of(f));
        }));
        assertInvalid("unknown function", module(b -> {
            b.table(FUNCREF, Limits.of(1));
            b.activeFunctions(0, ConstExpr.i32(0), List.of(0));
        }));
        assertInvalid("type mismatch", module(b -> {
            b.table(FUNCREF, Limits.of(1));
            b.element(new ElementSegment(FUNCREF, new ElementSegment.Active(0, ConstExpr.of(i64(0))), List.of()));
        }));
        assertInvalid("type mismatch", module(b -> {
            b.table(FUNCREF, Limits.of(1));
            b.element(new ElementSegment(FUNCREF, ElementSegment.PASSIVE, List.of(ConstExpr.of(refNullOf(AbsHeapType.EXTERN)))));
        }));
        assertInvalid("type mismatch", module(b -> {
            int f = b.function(VOID, List.of());
            b.table(EXTERNREF, Limits.of(1));
            b.activeFunctions(0, ConstExpr.i32(0), List.of(f));
        }));
        assertInvalid("constant expression required", module(b -> {
            b.table(FUNCREF, Limits.of(1));
            int f = b.function(fn(types(), types(FUNCREF)), List.of(refNullOf(AbsHeapType.FUNC)));
            b.element(new ElementSegment(FUNCREF, new ElementSegment.Active(0, ConstExpr.i32(0)), List.of(ConstExpr.of(call(f)))));
        }));
        assertInvalid("unknown global 0", module(b -> {
            b.table(FUNCREF, Limits.of(1));
            b.element(new ElementSegment(FUNCREF, new ElementSegment.Active(0, ConstExpr.of(gget(0))), List.of()));
        }));
        // elem.wast: a (ref func) table and a funcref segment.
        assertInvalid("type mismatch", module(b -> {
            int f = b.function(VOID, List.of());
            b.table(new TableType(ref(AbsHeapType.FUNC), Limits.of(1)), ConstExpr.refFunc(f));
            b.element(new ElementSegment(FUNCREF, new ElementSegment.Active(0, ConstExpr.i32(0)), List.of(ConstExpr.refFunc(f))));
        }));
        // A 64-bit table takes an i64 offset.
        assertValid(module(b -> {
            b.table(FUNCREF, limits64(1, null));
            b.element(new ElementSegment(FUNCREF, new ElementSegment.Active(0, ConstExpr.of(i64(0))), List.of()));
        }));
    }

    @Test
    void dataSegments() {
        assertValid(module(b -> {
            b.memory(Limits.of(1));
            b.global(I32, false, ConstExpr.i32(0));
            b.activeData(0, ConstExpr.of(gget(0), i32(1), op(Opcode.I32_ADD)), new byte[] {1});
        }));
        assertInvalid("unknown memory 0", module(b -> b.activeData(0, ConstExpr.i32(0), new byte[0])));
        assertInvalid("unknown memory 1", module(b -> {
            b.memory(Limits.of(1));
            b.activeData(1, ConstExpr.i32(0), new byte[0]);
        }));
        assertInvalid("type mismatch", module(b -> {
            b.memory(Limits.of(1));
            b.activeData(0, ConstExpr.of(i64(0)), new byte[0]);
        }));
        assertValid(module(b -> {
            b.memory(limits64(1, null));
            b.activeData(0, ConstExpr.of(i64(0)), new byte[0]);
        }));
        assertInvalid("constant expression required", module(b -> {
            b.importGlobal("test", "g", I32, true);
            b.memory(Limits.of(1));
            b.activeData(0, ConstExpr.of(gget(0)), new byte[0]);
        }));
        assertInvalid("unknown global 1", module(b -> {
            b.importGlobal("test", "global-i32", I32, false);
            b.memory(Limits.of(1));
            b.activeData(0, ConstExpr.of(gget(1)), new byte[0]);
        }));
        assertValid(module(b -> b.data(new DataSegment(DataSegment.PASSIVE, new byte[] {1, 2}))));
    }

    @Test
    void startFunctionTakesAndReturnsNothing() {
        assertValid(module(b -> b.start(b.function(VOID, List.of()))));
        assertInvalid("start function", module(b -> b.start(b.function(fn(types(), types(I32)), List.of(i32(0))))));
        assertInvalid("start function", module(b -> b.start(b.function(fn(types(I32), types()), List.of()))));
        assertInvalid("unknown function", module(b -> {
            b.function(VOID, List.of());
            b.start(1);
        }));
    }

    @Test
    void exportsNameExistingItemsUniquely() {
        assertValid(module(b -> {
            int f = b.function(VOID, List.of());
            b.memory(Limits.of(1));
            b.exportFunction("a", f).exportMemory("b", 0).export("c", ExternKind.FUNC, f);
        }));
        assertInvalid("duplicate export name", module(b -> {
            int f = b.function(VOID, List.of());
            b.exportFunction("a", f).exportFunction("a", f);
        }));
        assertInvalid("duplicate export name", module(b -> {
            int f = b.function(VOID, List.of());
            b.global(I32, false, ConstExpr.i32(0));
            b.exportFunction("a", f).exportGlobal("a", 0);
        }));
        assertInvalid("unknown function", module(b -> b.exportFunction("a", 0)));
        assertInvalid("unknown table", module(b -> b.exportTable("a", 0)));
        assertInvalid("unknown memory", module(b -> {
            b.importMemory("spectest", "memory", Limits.of(1, 2));
            b.exportMemory("a", 1);
        }));
        assertInvalid("unknown global", module(b -> b.exportGlobal("a", 0)));
        assertInvalid("unknown tag", module(b -> b.export("a", ExternKind.TAG, 0)));
    }

    @Test
    void tagsHaveNoResults() {
        assertValid(module(b -> b.tag(fn(types(I32, EXTERNREF), types()))));
        assertInvalid("non-empty tag result type", module(b -> b.tag(fn(types(), types(I32)))));
        assertInvalid("non-empty tag result type", module(b -> b.importTag("", "", fn(types(), types(I32)))));
        assertInvalid("unknown type", new WasmModule(List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new TagType(0)), List.of(), List.of(), OptionalInt.empty(), List.of(), OptionalInt.empty(),
                List.of(), List.of(), List.of()));
    }

    @Test
    void importedTypesAreChecked() {
        assertInvalid("unknown type", module(b -> b.importGlobal("M", "g", refNull(0), false)));
        assertInvalid("unknown type", module(b -> b.importTable("M", "t", new TableType(refNull(2), Limits.of(1)))));
        assertValid(module(b -> b.importMemory("M", "m", Limits.of(0, 65536))));
        assertValid(new WasmModule(List.of(), List.of(new Import("M", "m", new ImportDesc.Memory(new MemoryType(limits64(0, 1L << 48))))),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), OptionalInt.empty(), List.of(),
                OptionalInt.empty(), List.of(), List.of(), List.of()));
    }

    @Test
    void functionAndCodeCountsMustAgree() {
        assertInvalid("function and code section have inconsistent lengths", new WasmModule(List.of(VOID), List.of(),
                List.of(0), List.of(), List.of(), List.of(), List.of(), List.of(), OptionalInt.empty(), List.of(),
                OptionalInt.empty(), List.of(), List.of(), List.of()));
    }
}

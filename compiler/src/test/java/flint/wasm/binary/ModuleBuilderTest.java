package flint.wasm.binary;

import static flint.wasm.model.NumType.I32;
import static flint.wasm.model.NumType.I64;
import static org.junit.jupiter.api.Assertions.*;

import flint.wasm.model.ConstExpr;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.FuncType;
import flint.wasm.model.Instruction;
import flint.wasm.model.Limits;
import flint.wasm.model.LocalGroup;
import flint.wasm.model.Opcode;
import flint.wasm.model.RefType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleBuilderTest {
    private static final FuncType BINARY = FuncType.of(List.of(I32, I32), List.of(I32));

    @Test
    void buildsAnAddFunction() {
        var b = new ModuleBuilder();
        int add = b.function(BINARY, List.of(), List.of(Instruction.localGet(0), Instruction.localGet(1), Instruction.plain(Opcode.I32_ADD)));
        b.exportFunction("add", add);
        var bytes = b.encode();
        assertEquals(Bytes.HEADER + " 01 07 01 60 02 7f 7f 01 7f 03 02 01 00 07 07 01 03 61 64 64 00 00"
                + " 0a 09 01 07 00 20 00 20 01 6a 0b", Bytes.toHex(bytes));
        assertEquals(b.build(), ModuleDecoder.decode(bytes));
    }

    @Test
    void numbersImportsFirstAndDeduplicatesTypes() {
        var b = new ModuleBuilder();
        assertEquals(0, b.importFunction("env", "f", BINARY));
        assertEquals(1, b.function(BINARY, List.of()));
        assertEquals(2, b.function(FuncType.EMPTY, List.of()));
        assertEquals(0, b.type(BINARY));
        var m = b.build();
        assertEquals(2, m.types().size());
        assertEquals(List.of(0, 1), m.functions());
        assertThrows(IllegalStateException.class, () -> b.importFunction("env", "g", BINARY));
        assertEquals(0, b.importMemory("env", "mem", Limits.of(1)));
        assertEquals(1, b.memory(Limits.of(1, 2)));
    }

    @Test
    void groupsLocalsAndAddsTheFinalEnd() {
        var b = new ModuleBuilder();
        b.function(FuncType.EMPTY, List.of(I32, I32, I64, I32), List.of(Instruction.plain(Opcode.NOP)));
        var body = b.build().codes().getFirst();
        assertEquals(List.of(new LocalGroup(2, I32), new LocalGroup(1, I64), new LocalGroup(1, I32)), body.locals());
        assertArrayEquals(new byte[] {0x01, 0x0b}, body.code());
    }

    @Test
    void addsADataCountWhenBodiesNeedOne() {
        var b = new ModuleBuilder();
        b.memory(Limits.of(1));
        int d = b.passiveData(new byte[] {1, 2, 3});
        b.function(FuncType.EMPTY, List.of(Instruction.indexed(Opcode.DATA_DROP, d)));
        var m = b.build();
        assertEquals(1, m.dataCount().orElseThrow());
        assertEquals(m, ModuleDecoder.decode(ModuleEncoder.encode(m)));
        assertTrue(new ModuleBuilder().build().dataCount().isEmpty());
    }

    @Test
    void elementSegmentsUseTheCompactFormWhenTheyCan() {
        var b = new ModuleBuilder();
        b.table(RefType.FUNCREF, Limits.of(2));
        int f = b.function(FuncType.EMPTY, List.of());
        b.activeFunctions(0, ConstExpr.i32(0), List.of(f, f));
        var bytes = b.encode();
        // Form 0: offset expression, then function indices.
        assertTrue(Bytes.toHex(bytes).contains("09 08 01 00 41 00 0b 02 00 00"), Bytes.toHex(bytes));
        // A funcref-typed list of ref.func needs the expression form (4) to keep its type.
        var b2 = new ModuleBuilder();
        b2.element(new ElementSegment(RefType.FUNCREF, new ElementSegment.Active(0, ConstExpr.i32(0)), List.of(ConstExpr.refFunc(0))));
        assertTrue(Bytes.toHex(b2.encode()).contains("09 09 01 04 41 00 0b 01 d2 00 0b"), Bytes.toHex(b2.encode()));
        assertEquals(b2.build(), ModuleDecoder.decode(b2.encode()));
    }

    @Test
    void customSectionsGoWhereTheyArePlaced() {
        var b = new ModuleBuilder();
        b.function(FuncType.EMPTY, List.of());
        b.custom("first", new byte[] {1}, 0);
        b.custom("last", new byte[] {2});
        var m = b.build();
        assertEquals(List.of(0, 10), m.customs().stream().map(c -> c.placement()).toList());
        assertEquals(m, ModuleDecoder.decode(ModuleEncoder.encode(m)));
    }
}

package flint.wasm.binary;

import static flint.wasm.binary.Bytes.hex;
import static org.junit.jupiter.api.Assertions.*;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.BlockType;
import flint.wasm.model.Catch;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.Instruction;
import flint.wasm.model.MemArg;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.RefType;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CodeReaderTest {
    private static Instruction one(String hex) {
        var bytes = hex(hex);
        var reader = new CodeReader(bytes, 0, bytes.length, 0);
        var insn = reader.next();
        assertFalse(reader.hasNext(), "trailing bytes");
        return insn;
    }

    @Test
    void immediatesInBinaryOrder() {
        assertEquals(new Instruction.TwoIndex(Opcode.CALL_INDIRECT, 3, 1), one("11 03 01")); // type, then table
        assertEquals(new Instruction.TwoIndex(Opcode.TABLE_INIT, 4, 2), one("fc 0c 04 02"));  // element, then table
        assertEquals(new Instruction.TwoIndex(Opcode.MEMORY_INIT, 4, 2), one("fc 08 04 02"));  // data, then memory
        assertEquals(new Instruction.Indexed(Opcode.MEMORY_SIZE, 2), one("3f 02"));           // a full memory index
        assertEquals(new Instruction.BrTable(List.of(1, 2), 0), one("0e 02 01 02 00"));
    }

    @Test
    void memArgs() {
        assertEquals(new Instruction.Memory(Opcode.I32_LOAD, new MemArg(2, 16, 0)), one("28 02 10"));
        // Bit 6 of the flags: an explicit memory index follows.
        assertEquals(new Instruction.Memory(Opcode.I32_LOAD, new MemArg(2, 16, 3)), one("28 42 03 10"));
        // A 64-bit offset (memory64).
        assertEquals(new Instruction.Memory(Opcode.I64_LOAD, new MemArg(3, -1L, 0)), one("29 03 ff ff ff ff ff ff ff ff ff 01"));
        assertEquals(new Instruction.MemoryLane(Opcode.V128_LOAD8_LANE, new MemArg(0, 0, 0), 15), one("fd 54 00 00 0f"));
    }

    @Test
    void typesInImmediates() {
        assertEquals(new Instruction.Block(Opcode.BLOCK, BlockType.EMPTY), one("02 40"));
        assertEquals(new Instruction.Block(Opcode.LOOP, BlockType.of(NumType.I64)), one("03 7e"));
        assertEquals(new Instruction.Block(Opcode.IF, new BlockType.TypeIndex(200)), one("04 c8 01"));
        assertEquals(new Instruction.Block(Opcode.BLOCK, BlockType.of(new RefType(false, new ConcreteHeapType(5)))), one("02 64 05"));
        assertEquals(new Instruction.RefNull(AbsHeapType.EXTERN), one("d0 6f"));
        assertEquals(new Instruction.RefNull(new ConcreteHeapType(7)), one("d0 07"));
        assertEquals(new Instruction.SelectTyped(List.of(RefType.FUNCREF)), one("1c 01 70"));
        assertEquals(new Instruction.TryTable(BlockType.EMPTY, List.of(new Catch(Catch.Kind.CATCH, 1, 0),
                new Catch(Catch.Kind.CATCH_ALL_REF, -1, 2))), one("1f 40 02 00 01 00 03 02"));
    }

    @Test
    void constants() {
        assertEquals(new Instruction.I32Const(-1), one("41 7f"));
        assertEquals(new Instruction.I64Const(Long.MIN_VALUE), one("42 80 80 80 80 80 80 80 80 80 7f"));
        assertEquals(new Instruction.F32Const(0x7FA00001), one("43 01 00 a0 7f")); // a NaN payload survives
        assertEquals(new Instruction.F64Const(0x3FF0000000000000L), one("44 00 00 00 00 00 00 f0 3f"));
        assertEquals(new Instruction.V128Const(0x0706050403020100L, 0x0F0E0D0C0B0A0908L),
                one("fd 0c 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f"));
        var shuffle = (Instruction.Shuffle) one("fd 0d 1f 1e 1d 1c 1b 1a 19 18 17 16 15 14 13 12 11 10");
        assertEquals(0x1f, shuffle.lane(0));
        assertEquals(new Instruction.Indexed(Opcode.I8X16_EXTRACT_LANE_S, 15), one("fd 15 0f"));
        assertEquals(Opcode.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S, one("fd 93 02").opcode());
    }

    @Test
    void offsetsAreModuleOffsets() {
        var bytes = hex("ff ff 20 00 6a 0b");
        var reader = new CodeReader(bytes, 2, bytes.length, 1000);
        assertEquals(1000, reader.offset());
        assertEquals(Opcode.LOCAL_GET, reader.peekOpcode());
        assertEquals(1000, reader.offset(), "peeking does not advance");
        reader.next();
        assertEquals(1000, reader.lastOffset());
        assertEquals(1002, reader.offset());
        assertSame(reader.next(), one("6a"), "instructions without immediates are shared");
        assertEquals(Opcode.END, reader.skip());
        assertFalse(reader.hasNext());
        var e = assertThrows(MalformedModuleException.class, () -> new CodeReader(bytes, 0, 1, 500).next());
        assertEquals(500, e.offset());
        assertEquals("illegal opcode ff (at offset 0x1f4)", e.getMessage());
    }

    @Test
    void readsAFunctionBodyWithItsOffsets() {
        var body = new FunctionBody(List.of(), hex("41 01 0b"), 40);
        var reader = new CodeReader(body);
        assertEquals(40, reader.offset());
        assertEquals(new Instruction.I32Const(1), reader.next());
        assertEquals(42, reader.offset());
        var truncated = new FunctionBody(List.of(), hex("41"), 40);
        var e = assertThrows(MalformedModuleException.class, () -> new CodeReader(truncated).next());
        assertEquals(MalformedModuleException.UNEXPECTED_END_OF_SECTION, e.wording());
        assertEquals(41, e.offset());
    }

    @Test
    void syntaxCheckOfBodies() {
        assertFalse(CodeSyntax.checkBody(new FunctionBody(List.of(), hex("41 00 04 40 01 05 01 0b 0b"), 0)).usesDataIndex());
        var missingEnd = new FunctionBody(List.of(), hex("02 40 0b"), 10);
        var e = assertThrows(MalformedModuleException.class, () -> CodeSyntax.checkBody(missingEnd));
        assertEquals(MalformedModuleException.UNEXPECTED_END_OF_SECTION, e.wording());
        assertEquals(13, e.offset());
        var elseInBlock = new FunctionBody(List.of(), hex("02 40 05 0b 0b"), 10);
        assertEquals(12, assertThrows(MalformedModuleException.class, () -> CodeSyntax.checkBody(elseInBlock)).offset());
        var afterEnd = new FunctionBody(List.of(), hex("0b 01"), 10);
        assertEquals(MalformedModuleException.SECTION_SIZE_MISMATCH,
                assertThrows(MalformedModuleException.class, () -> CodeSyntax.checkBody(afterEnd)).wording());
    }

    @Test
    void localsStayDeclaredRuns() {
        var bytes = hex("02 ff ff ff ff 0f 7f 00 70 41");
        var locals = LocalsReader.read(bytes, 0, bytes.length, 0);
        assertEquals(2, locals.size());
        assertEquals(0xFFFFFFFFL, locals.get(0).count());
        assertEquals(RefType.FUNCREF, locals.get(1).type());
    }

    @Provide
    Arbitrary<byte[]> codeLikeBytes() {
        return Arbitraries.randomValue(r -> {
            var code = new RandomModulesCode(r).bytes();
            // Corrupt some of them so both readers meet errors.
            if (r.nextBoolean() && code.length > 0) code[r.nextInt(code.length)] = (byte) r.nextInt(256);
            return code;
        });
    }

    /** {@link CodeReader#skip()} reads exactly what {@link CodeReader#next()} reads, and fails the same way. */
    @Property(tries = 500)
    void skipAgreesWithNext(@ForAll("codeLikeBytes") byte[] code) {
        var a = new CodeReader(code, 0, code.length, 0);
        var b = new CodeReader(code, 0, code.length, 0);
        while (a.hasNext()) {
            String errorA = null, errorB = null;
            Opcode opA = null, opB = null;
            try { opA = a.next().opcode(); } catch (MalformedModuleException e) { errorA = e.getMessage(); }
            try { opB = b.skip(); } catch (MalformedModuleException e) { errorB = e.getMessage(); }
            assertEquals(errorA, errorB);
            if (errorA != null) return;
            assertEquals(opA, opB);
            assertEquals(a.offset(), b.offset());
        }
        assertFalse(b.hasNext());
    }

    /** Encoded random code, through the module generator's instruction maker. */
    private record RandomModulesCode(java.util.Random r) {
        byte[] bytes() {
            var out = new ArrayList<Instruction>();
            var ops = Opcode.values();
            int n = r.nextInt(30);
            for (int i = 0; i < n; i++) out.add(RandomModules.instructionFor(r, ops[r.nextInt(ops.length)]));
            return CodeWriter.encode(out);
        }
    }
}

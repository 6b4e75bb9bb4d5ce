package flint.runtime.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.wasm.model.Limits;
import flint.wasm.model.MemoryType;
import java.lang.foreign.ValueLayout;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LinearMemoryTest {

    static final long PAGE = LinearMemory.PAGE_SIZE;

    static MemoryType memory32(long min) {
        return new MemoryType(Limits.of(min));
    }

    static MemoryType memory32(long min, long max) {
        return new MemoryType(Limits.of(min, max));
    }

    static MemoryType memory64(long min, OptionalLong max) {
        return new MemoryType(new Limits(min, max, true, false));
    }

    @Test
    void startsWithItsInitialPagesZeroed() {
        try (var memory = LinearMemory.create(memory32(2))) {
            assertEquals(2, memory.pages());
            assertEquals(2 * PAGE, memory.byteSize());
            assertEquals(2 * PAGE, memory.segment().byteSize());
            assertEquals(-1, memory.segment().mismatch(java.lang.foreign.MemorySegment.ofArray(new byte[(int) (2 * PAGE)])));
        }
    }

    @Test
    void reservesFourGibibytesPlusGuardForA32BitMemory() {
        try (var memory = LinearMemory.create(memory32(1, 2))) {
            assertEquals(4 * MemoryPolicy.GIB + MemoryPolicy.DEFAULT.guardBytes(), memory.reservedBytes());
            assertEquals(2, memory.maxPages());
        }
    }

    @Test
    void growFollowsWasmSemantics() {
        try (var memory = LinearMemory.create(memory32(1, 4))) {
            long base = memory.address();
            assertEquals(1, memory.grow(0));
            assertEquals(1, memory.grow(2));
            assertEquals(3, memory.pages());
            assertEquals(-1, memory.grow(2), "past the declared maximum");
            assertEquals(3, memory.pages(), "a failed grow changes nothing");
            assertEquals(-1, memory.grow(-1), "a negative delta is a huge unsigned one");
            assertEquals(-1, memory.grow(Long.MAX_VALUE));
            assertEquals(3, memory.grow(1));
            assertEquals(-1, memory.grow(1));
            assertEquals(4, memory.grow(0));
            assertEquals(base, memory.address(), "the base never moves");
        }
    }

    @Test
    void grownPagesAreZeroAndUsable() {
        try (var memory = LinearMemory.create(memory32(1))) {
            memory.writeLong(PAGE - 8, -1L);
            assertEquals(1, memory.grow(3));
            for (long address = PAGE; address < 4 * PAGE; address += 4096) {
                assertEquals(0, memory.readLong(address));
            }
            memory.writeLong(4 * PAGE - 8, 0x0102030405060708L);
            assertEquals(0x0102030405060708L, memory.readLong(4 * PAGE - 8));
            assertEquals(-1L, memory.readLong(PAGE - 8), "old contents survive growth");
        }
    }

    @Test
    void a32BitMemoryGrowsToTheFullFourGibibytes() {
        try (var memory = LinearMemory.create(memory32(0))) {
            assertEquals(0, memory.byteSize());
            assertEquals(LinearMemory.MAX_PAGES_32, memory.maxPages());
            assertEquals(0, memory.grow(LinearMemory.MAX_PAGES_32));
            assertEquals(4 * MemoryPolicy.GIB, memory.byteSize());
            memory.writeInt(4 * MemoryPolicy.GIB - 4, 0xCAFEBABE);
            assertEquals(0xCAFEBABE, memory.readInt(4 * MemoryPolicy.GIB - 4));
            assertEquals(-1, memory.grow(1), "65536 pages is the spec's limit");
        }
    }

    @Test
    void theHostLimitCapsGrowth() {
        var policy = MemoryPolicy.DEFAULT.withMaxBytes32(8 * PAGE);
        try (var memory = LinearMemory.create(memory32(1), policy)) {
            assertEquals(8, memory.maxPages());
            assertEquals(1, memory.grow(7));
            assertEquals(-1, memory.grow(1));
        }
        var e = assertThrows(MemoryLimitException.class, () -> LinearMemory.create(memory32(9), policy));
        assertTrue(e.getMessage().contains("host limit of 8 pages"), e.getMessage());
    }

    @Test
    void memory64ReservesOnlyWhatItMayReach() {
        var policy = MemoryPolicy.DEFAULT.withMaxBytes64(MemoryPolicy.GIB).withGuardBytes(0);
        try (var memory = LinearMemory.create(memory64(1, OptionalLong.empty()), policy)) {
            assertTrue(memory.isMemory64());
            assertEquals(MemoryPolicy.GIB / PAGE, memory.maxPages());
            assertEquals(MemoryPolicy.GIB, memory.reservedBytes());
            assertEquals(1, memory.grow(memory.maxPages() - 1));
            assertEquals(-1, memory.grow(1));
        }
        try (var memory = LinearMemory.create(memory64(0, OptionalLong.of(3)), policy)) {
            assertEquals(3, memory.maxPages());
            assertEquals(3 * PAGE, memory.reservedBytes());
        }
    }

    @Test
    void definitionTracksBaseAndLength() {
        try (var memory = LinearMemory.create(memory32(1))) {
            var definition = memory.definition();
            assertEquals(memory.address(), definition.get(ValueLayout.JAVA_LONG, LinearMemory.DEFINITION_BASE));
            assertEquals(PAGE, definition.get(ValueLayout.JAVA_LONG, LinearMemory.DEFINITION_LENGTH));
            memory.grow(2);
            assertEquals(3 * PAGE, definition.get(ValueLayout.JAVA_LONG, LinearMemory.DEFINITION_LENGTH));
        }
        try (var empty = LinearMemory.create(memory32(0, 0))) {
            assertEquals(empty.address(), empty.definition().get(ValueLayout.JAVA_LONG, LinearMemory.DEFINITION_BASE));
            assertEquals(0, empty.definition().get(ValueLayout.JAVA_LONG, LinearMemory.DEFINITION_LENGTH));
        }
    }

    @Test
    void accessorsAreLittleEndian() {
        try (var memory = LinearMemory.create(memory32(1))) {
            memory.writeInt(16, 0x01020304);
            assertArrayEquals(new byte[] {4, 3, 2, 1}, memory.read(16, 4));
            memory.writeShort(32, (short) 0xBEEF);
            assertEquals((byte) 0xEF, memory.readByte(32));
            memory.write(40, new byte[] {8, 7, 6, 5, 4, 3, 2, 1});
            assertEquals(0x0102030405060708L, memory.readLong(40));
            memory.writeFloat(48, Float.intBitsToFloat(0x7fa00001)); // a signalling NaN keeps its payload
            assertEquals(0x7fa00001, memory.readInt(48));
            memory.writeDouble(56, 1.5);
            assertEquals(1.5, memory.readDouble(56));
        }
    }

    @Test
    void everyAccessIsBoundsChecked() {
        try (var memory = LinearMemory.create(memory32(1))) {
            memory.writeInt(PAGE - 4, 7);
            assertEquals(7, memory.readInt(PAGE - 4));
            var e = assertThrows(IndexOutOfBoundsException.class, () -> memory.readInt(PAGE - 3));
            assertEquals("out of bounds memory access: 4 bytes at 65533 in a memory of 65536 bytes", e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> memory.writeByte(PAGE, (byte) 1));
            assertThrows(IndexOutOfBoundsException.class, () -> memory.readLong(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> memory.readLong(Long.MAX_VALUE - 2), "no overflow");
            assertThrows(IndexOutOfBoundsException.class, () -> memory.read(PAGE - 1, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> memory.fill(1, PAGE, (byte) 1));
            assertEquals(0, memory.readByte(1), "a failed fill writes nothing");
            memory.fill(PAGE - 2, 2, (byte) 9);
            assertArrayEquals(new byte[] {9, 9}, memory.read(PAGE - 2, 2));
            assertEquals(0, memory.read(PAGE, 0).length, "an empty access at the end is in bounds");
        }
    }

    @Test
    void closedMemoryFailsCleanly() {
        var memory = LinearMemory.create(memory32(1));
        var segment = memory.segment();
        memory.close();
        memory.close();
        assertTrue(memory.isClosed());
        assertThrows(IllegalStateException.class, () -> memory.readInt(0));
        assertThrows(IllegalStateException.class, () -> memory.grow(1));
        assertThrows(IllegalStateException.class, memory::segment);
        // a segment handed out before close is dead too, not a dangling pointer
        assertThrows(IllegalStateException.class, () -> segment.get(ValueLayout.JAVA_INT, 0));
    }

    @Test
    void invalidLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LinearMemory.create(memory32(2, 1)));
        assertThrows(IllegalArgumentException.class, () -> LinearMemory.create(memory32(0, 65537)));
    }
}

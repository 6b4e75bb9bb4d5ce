package flint.runtime.memory;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import flint.wasm.model.Limits;
import flint.wasm.model.MemoryType;
import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

/** Copies of a memory's {base, length} record, kept current by every grow (vmctx memory records). */
class LinearMemoryMirrorTest {

    @Test
    void mirrorsFollowGrowthUntilClosed() {
        try (var memory = LinearMemory.create(new MemoryType(Limits.of(1, 10)));
                var arena = Arena.ofConfined()) {
            var record = arena.allocate(16, 16);
            var mirror = memory.mirrorInto(record);
            assertEquals(memory.address(), record.get(JAVA_LONG, 0));
            assertEquals(65536, record.get(JAVA_LONG, 8), "written at once");
            memory.grow(2);
            assertEquals(3 * 65536, record.get(JAVA_LONG, 8));
            mirror.close();
            memory.grow(1);
            assertEquals(3 * 65536, record.get(JAVA_LONG, 8), "no longer updated");
            mirror.close(); // idempotent
        }
    }

    @Test
    void aMirrorWhoseMemoryIsGoneIsDroppedNotWritten() {
        try (var memory = LinearMemory.create(new MemoryType(Limits.of(1, 10)))) {
            var arena = Arena.ofShared();
            memory.mirrorInto(arena.allocate(16, 16));
            arena.close(); // freed without detaching: a grow must neither fail nor write
            assertEquals(1, memory.grow(1));
            assertEquals(2, memory.pages());
        }
    }

    @Test
    void aRecordIsSixteenAlignedBytes() {
        try (var memory = LinearMemory.create(new MemoryType(Limits.of(0)));
                var arena = Arena.ofConfined()) {
            assertThrows(IllegalArgumentException.class, () -> memory.mirrorInto(arena.allocate(8, 8)));
            assertThrows(IllegalArgumentException.class, () -> memory.mirrorInto(arena.allocate(32, 8).asSlice(4)),
                    "the length must be written with one aligned store");
        }
    }
}

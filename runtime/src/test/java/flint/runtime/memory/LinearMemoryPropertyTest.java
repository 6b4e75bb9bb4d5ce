package flint.runtime.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import flint.wasm.model.Limits;
import flint.wasm.model.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random writes against a byte-array model of a two-page memory: same contents, same bounds failures. */
class LinearMemoryPropertyTest {

    record Write(long address, int width, long value) {}

    @Provide
    Arbitrary<List<Write>> writes() {
        var size = 2 * LinearMemory.PAGE_SIZE;
        var address = Arbitraries.oneOf(Arbitraries.longs().between(0, size + 8),
                Arbitraries.longs().between(size - 16, size + 2), Arbitraries.longs());
        var width = Arbitraries.of(1, 2, 4, 8);
        return net.jqwik.api.Combinators.combine(address, width, Arbitraries.longs()).as(Write::new)
                .list().ofMaxSize(200);
    }

    @Property(tries = 100)
    void behavesLikeALittleEndianByteArray(@ForAll("writes") List<Write> writes) {
        int size = (int) (2 * LinearMemory.PAGE_SIZE);
        var model = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        try (var memory = LinearMemory.create(new MemoryType(Limits.of(2)))) {
            for (var w : writes) {
                boolean inBounds = w.address() >= 0 && w.address() <= size - w.width();
                Runnable write = () -> {
                    switch (w.width()) {
                        case 1 -> memory.writeByte(w.address(), (byte) w.value());
                        case 2 -> memory.writeShort(w.address(), (short) w.value());
                        case 4 -> memory.writeInt(w.address(), (int) w.value());
                        default -> memory.writeLong(w.address(), w.value());
                    }
                };
                if (!inBounds) {
                    assertThrows(IndexOutOfBoundsException.class, write::run);
                    continue;
                }
                write.run();
                int at = (int) w.address();
                switch (w.width()) {
                    case 1 -> model.put(at, (byte) w.value());
                    case 2 -> model.putShort(at, (short) w.value());
                    case 4 -> model.putInt(at, (int) w.value());
                    default -> model.putLong(at, w.value());
                }
                assertEquals(model.getLong(at & ~7), memory.readLong(at & ~7L));
            }
            assertArrayEquals(model.array(), memory.read(0, size));
        }
    }
}

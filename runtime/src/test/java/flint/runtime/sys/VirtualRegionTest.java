package flint.runtime.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@SuppressWarnings("restricted")
class VirtualRegionTest {

    /** The permissions /proc/self/maps lists for the mapping that contains {@code address}. */
    static String permissions(long address) throws IOException {
        for (var line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            var fields = line.split("\\s+");
            var range = fields[0].split("-");
            long start = Long.parseUnsignedLong(range[0], 16);
            long end = Long.parseUnsignedLong(range[1], 16);
            if (Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0) {
                return fields[1];
            }
        }
        return "unmapped";
    }

    @Test
    void reservationIsInaccessibleUntilProtected() throws IOException {
        long page = Posix.pageSize();
        try (var region = VirtualRegion.reserve(1L << 32)) {
            assertEquals(1L << 32, region.size());
            assertEquals("---p", permissions(region.address()));
            region.protect(page, 2 * page, Protection.READ_WRITE);
            assertEquals("---p", permissions(region.address()));
            assertEquals("rw-p", permissions(region.address() + page));
            assertEquals("rw-p", permissions(region.address() + 2 * page));
            assertEquals("---p", permissions(region.address() + 3 * page));
            var committed = MemorySegment.ofAddress(region.address() + page).reinterpret(2 * page);
            assertEquals(0, committed.get(ValueLayout.JAVA_LONG, 8));
            committed.set(ValueLayout.JAVA_LONG, 8, 42);
            assertEquals(42, committed.get(ValueLayout.JAVA_LONG, 8));
        }
    }

    @Test
    void sizesRoundUpToPages() {
        long page = Posix.pageSize();
        try (var region = VirtualRegion.allocate(page + 1, Protection.READ_WRITE)) {
            assertEquals(2 * page, region.size());
        }
        assertEquals(0, VirtualRegion.roundUpToPage(0));
        assertEquals(page, VirtualRegion.roundUpToPage(1));
        assertThrows(IllegalArgumentException.class, () -> VirtualRegion.roundUpToPage(Long.MAX_VALUE));
    }

    @Test
    void protectChecksTheRange() {
        long page = Posix.pageSize();
        try (var region = VirtualRegion.reserve(4 * page)) {
            assertThrows(IllegalArgumentException.class, () -> region.protect(1, page, Protection.READ));
            assertThrows(IllegalArgumentException.class, () -> region.protect(0, 5 * page, Protection.READ));
            assertThrows(IllegalArgumentException.class, () -> region.protect(4 * page, 1, Protection.READ));
            assertThrows(IllegalArgumentException.class, () -> region.protect(-page, page, Protection.READ));
        }
    }

    @Test
    void closeUnmapsOnceAndLaterUseFails() {
        var region = VirtualRegion.reserve(Posix.pageSize());
        assertFalse(region.isClosed());
        region.close();
        region.close(); // a second close must not unmap whatever now lives at that address
        assertTrue(region.isClosed());
        var e = assertThrows(IllegalStateException.class, () -> region.protect(0, 1, Protection.READ));
        assertTrue(e.getMessage().contains("unmapped"), e.getMessage());
    }
}

package flint.runtime.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

@SuppressWarnings("restricted")
class PosixTest {

    @Test
    void pageSizeIsAPowerOfTwo() {
        long page = Posix.pageSize();
        assertTrue(page >= 4096, "page size " + page);
        assertEquals(0, page & (page - 1), "page size " + page);
    }

    @Test
    void mappedMemoryIsZeroedAndWritable() {
        long page = Posix.pageSize();
        long address = Posix.mmapAnonymous(2 * page, Protection.READ_WRITE, false);
        try {
            assertEquals(0, address % page, "page aligned");
            var memory = MemorySegment.ofAddress(address).reinterpret(2 * page);
            assertEquals(-1, memory.mismatch(MemorySegment.ofArray(new byte[(int) (2 * page)])));
            memory.set(ValueLayout.JAVA_LONG, page, 0x1122334455667788L);
            assertEquals(0x1122334455667788L, memory.get(ValueLayout.JAVA_LONG, page));
        } finally {
            Posix.munmap(address, 2 * page);
        }
    }

    @Test
    void failuresCarryErrnoAndTheLibraryText() {
        long page = Posix.pageSize();
        long address = Posix.mmapAnonymous(page, Protection.READ_WRITE, false);
        try {
            // an address that is not page aligned is EINVAL for mprotect
            var e = assertThrows(PosixException.class, () -> Posix.mprotect(address + 1, page, Protection.READ));
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals("mprotect(0x%x, %d, READ) failed: EINVAL (Invalid argument)".formatted(address + 1, page),
                    e.getMessage());
        } finally {
            Posix.munmap(address, page);
        }
    }

    @Test
    void impossibleMappingIsENOMEM() {
        // more than the 47-bit user address space
        var e = assertThrows(PosixException.class,
                () -> Posix.mmapAnonymous(1L << 50, Protection.NONE, true));
        assertEquals(Errno.ENOMEM, e.errno());
        assertTrue(e.getMessage().contains("ENOMEM (Cannot allocate memory)"), e.getMessage());
    }

    @Test
    void strerrorDescribesErrno() {
        assertEquals("Cannot allocate memory", Posix.strerror(Errno.ENOMEM));
        assertEquals("Permission denied", Posix.strerror(Errno.EACCES));
    }

    @Test
    void invalidLengthIsRejectedBeforeTheCall() {
        assertThrows(IllegalArgumentException.class, () -> Posix.mmapAnonymous(0, Protection.READ, false));
    }
}

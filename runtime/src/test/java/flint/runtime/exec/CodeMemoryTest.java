package flint.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import flint.runtime.sys.Posix;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("restricted")
class CodeMemoryTest {

    private final Fixture fx = new Fixture();

    @AfterEach
    void close() {
        fx.close();
    }

    /** The permissions /proc/self/maps lists for the mapping that contains {@code address}. */
    private static String permissions(long address) throws IOException {
        for (var line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            var fields = line.split("\\s+");
            var range = fields[0].split("-");
            if (Long.compareUnsigned(address, Long.parseUnsignedLong(range[0], 16)) >= 0
                    && Long.compareUnsigned(address, Long.parseUnsignedLong(range[1], 16)) < 0) {
                return fields[1];
            }
        }
        return "unmapped";
    }

    @Test
    void codeIsReadExecuteAndNeverWritable() throws IOException {
        try (var code = CodeMemory.load(X64.ADD_I64)) {
            assertEquals("r-xp", permissions(code.address()));
            assertEquals(0, code.address() % Posix.pageSize());
            assertEquals(X64.ADD_I64.length, code.codeSize());
            assertEquals(Posix.pageSize(), code.mappedSize());
            assertArrayEquals(X64.ADD_I64, code.bytes().toArray(ValueLayout.JAVA_BYTE));
            assertTrue(code.bytes().isReadOnly(), "Java must not write to executable pages");
            assertTrue(code.entry(0).isReadOnly());
        }
    }

    @Test
    void theTailOfThePageIsInt3() {
        try (var code = CodeMemory.load(X64.RET)) {
            var page = java.lang.foreign.MemorySegment.ofAddress(code.address()).reinterpret(code.mappedSize());
            assertEquals((byte) 0xC3, page.get(ValueLayout.JAVA_BYTE, 0));
            for (long i = 1; i < code.mappedSize(); i++) {
                assertEquals((byte) 0xCC, page.get(ValueLayout.JAVA_BYTE, i));
            }
        }
    }

    @Test
    void thePatcherFixesUpCodeAtItsFinalAddress() {
        var seen = new AtomicReference<Long>();
        try (var code = CodeMemory.load(X64.STORE_IMM64, (writable, address) -> {
            seen.set(address);
            writable.set(ValueLayout.JAVA_LONG_UNALIGNED, 2, address); // movabs rax, <own address>
        })) {
            assertEquals(code.address(), seen.get());
            var args = fx.buffer(1);
            assertEquals(Outcome.RETURNED, fx.invoke(code.entry(0), args));
            assertEquals(code.address(), args.getI64(0));
        }
    }

    @Test
    void entriesAreOffsetsIntoTheCode() {
        var both = new byte[X64.RET.length + X64.ADD_I64.length];
        System.arraycopy(X64.RET, 0, both, 0, X64.RET.length);
        System.arraycopy(X64.ADD_I64, 0, both, X64.RET.length, X64.ADD_I64.length);
        try (var code = CodeMemory.load(both)) {
            assertEquals(code.address() + 1, code.entry(1).address());
            var args = fx.buffer(2).setI64(0, 2).setI64(1, 3);
            assertEquals(Outcome.RETURNED, fx.invoke(code.entry(1), args));
            assertEquals(5, args.getI64(0));
            assertThrows(IndexOutOfBoundsException.class, () -> code.entry(both.length));
            assertThrows(IndexOutOfBoundsException.class, () -> code.entry(-1));
        }
    }

    @Test
    void closedCodeCannotBeUsed() {
        var code = CodeMemory.load(X64.RET);
        var entry = code.entry(0);
        code.close();
        code.close();
        assertTrue(code.isClosed());
        assertTrue(code.isUnmapped());
        assertThrows(IllegalStateException.class, () -> code.entry(0));
        assertThrows(IllegalStateException.class, code::bytes);
        assertThrows(IllegalStateException.class, code::retain);
        // an entry taken before close is dead: it is refused, never jumped to
        var e = assertThrows(IllegalStateException.class, () -> fx.invoke(entry, fx.buffer(1)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertFalse(fx.exec.isActive());
    }

    @Test
    void leasesKeepCodeMappedAfterTheCreatorCloses() throws IOException {
        var code = CodeMemory.load(X64.ADD_I64);
        var first = code.retain();
        var second = code.retain();
        code.close();
        assertTrue(code.isClosed());
        assertFalse(code.isUnmapped());
        first.close();
        first.close(); // idempotent: must not drop the second lease's reference
        var args = fx.buffer(2).setI64(0, 1).setI64(1, 1);
        assertEquals(Outcome.RETURNED, fx.invoke(code.entry(0), args));
        assertEquals(2, args.getI64(0));
        assertEquals("r-xp", permissions(code.address()));
        second.close();
        assertTrue(code.isUnmapped());
    }

    @Test
    void aHostClosingTheRunningModuleDoesNotUnmapItsCode() {
        // as an instance would, the test holds a lease for as long as it runs the code
        var code = CodeMemory.load(X64.CALL_HOST);
        try (var lease = code.retain()) {
            assertEquals(code, lease.code());
            var closer = fx.host((vmctx, args) -> code.close(), 0);
            assertEquals(Outcome.RETURNED, fx.invoke(code.entry(0), fx.buffer(1).setAddress(0, closer)));
            assertTrue(code.isClosed());
            assertFalse(code.isUnmapped(), "still leased");
        }
        assertTrue(code.isUnmapped());
    }

    @Test
    void emptyCodeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CodeMemory.load(new byte[0]));
    }

    @Test
    void aFailingPatcherLeavesNothingMapped() {
        var failure = new IllegalStateException("bad relocation");
        var thrown = assertThrows(IllegalStateException.class, () -> CodeMemory.load(X64.RET, (code, address) -> {
            throw failure;
        }));
        assertEquals(failure, thrown);
    }
}

package flint.runtime.exec;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/** A store's worth of native state for one test: execution context, vmctx, code and buffers. */
final class Fixture implements AutoCloseable {
    final Arena arena = Arena.ofShared();
    final ExecContext exec = ExecContext.allocate(arena);
    final MemorySegment vmctx = VmContext.allocate(arena, exec, 64);
    private final List<CodeMemory> code = new ArrayList<>();

    /** Loads {@code bytes} and returns the entry at offset 0. */
    MemorySegment function(byte[] bytes) {
        var memory = CodeMemory.load(bytes);
        code.add(memory);
        return memory.entry(0);
    }

    ArgBuffer buffer(int slots) {
        return ArgBuffer.allocate(arena, slots);
    }

    MemorySegment host(HostCallback callback, int slots) {
        return HostUpcalls.stub(callback, slots, arena);
    }

    Outcome invoke(MemorySegment function, ArgBuffer args) {
        return EntryTrampoline.invoke(exec, vmctx, function, args);
    }

    @Override
    public void close() {
        code.forEach(CodeMemory::close);
        arena.close();
    }
}

package flint.runtime;

import flint.runtime.memory.LinearMemory;
import flint.wasm.model.Limits;
import flint.wasm.model.MemoryType;

/** A linear memory as an export: live, shared by every instance that imports it. */
public final class NativeMemory implements Extern {

    /** Keeps the defining instance alive while this handle is reachable. */
    private final NativeInstance instance;
    final InstanceState state;
    private final MemoryType type;
    private final LinearMemory memory;

    NativeMemory(NativeInstance instance, InstanceState state, InstanceState.Memory memory) {
        this.instance = instance;
        this.state = state;
        this.type = memory.type();
        this.memory = memory.memory();
    }

    /** The type the defining module declared. */
    public MemoryType type() {
        return type;
    }

    /** The memory's current type for import matching: the current size as minimum, the declared maximum. */
    public Limits limits() {
        var declared = type.limits();
        return new Limits(memory.pages(), declared.max(), declared.address64(), declared.shared());
    }

    public long pages() {
        return memory.pages();
    }

    public long byteSize() {
        return memory.byteSize();
    }

    /** A copy of {@code [offset, offset + length)}; IndexOutOfBoundsException outside the memory. */
    public byte[] read(long offset, int length) {
        return memory.read(offset, length);
    }

    public void write(long offset, byte[] bytes) {
        memory.write(offset, bytes);
    }

    /** Wasm's {@code memory.grow}: the old size in pages, or -1. */
    public long grow(long deltaPages) {
        return memory.grow(deltaPages);
    }

    /** The most pages the memory can reach: the declared maximum, capped by the host policy. */
    public long maxPages() {
        return memory.maxPages();
    }

    LinearMemory linearMemory() {
        return memory;
    }

    @Override
    public String toString() {
        return "NativeMemory[" + memory + "]";
    }
}

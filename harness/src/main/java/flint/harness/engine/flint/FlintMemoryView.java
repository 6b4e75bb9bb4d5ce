package flint.harness.engine.flint;

import flint.harness.engine.MemoryView;
import flint.runtime.NativeMemory;

/** A native linear memory seen through the harness's {@link MemoryView}; live, as the memory grows. */
record FlintMemoryView(NativeMemory memory) implements MemoryView {

    @Override
    public long pages() {
        return memory.pages();
    }

    @Override
    public byte[] read(long offset, int length) {
        return memory.read(offset, length);
    }
}

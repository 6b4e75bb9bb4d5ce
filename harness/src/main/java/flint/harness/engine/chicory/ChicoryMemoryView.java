package flint.harness.engine.chicory;

import com.dylibso.chicory.runtime.Memory;
import flint.harness.engine.MemoryView;
import java.util.Objects;

/** A Chicory memory as a {@link MemoryView}. */
record ChicoryMemoryView(Memory memory) implements MemoryView {

    @Override public long pages() {
        return memory.pages();
    }

    @Override public byte[] read(long offset, int length) {
        Objects.checkFromIndexSize(offset, length, byteSize());
        // Chicory addresses memories with ints (no memory64), so a checked range fits
        return memory.readBytes((int) offset, length);
    }
}

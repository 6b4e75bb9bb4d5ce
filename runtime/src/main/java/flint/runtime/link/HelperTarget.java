package flint.runtime.link;

import flint.runtime.memory.LinearMemory;

/** What the runtime helpers need of the instance whose vmctx they receive. */
public interface HelperTarget {
    /** Memory {@code index} of the instance's memory index space. */
    LinearMemory memory(int index);
}

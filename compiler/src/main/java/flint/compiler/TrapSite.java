package flint.compiler;

import java.util.Objects;

/**
 * A place in the code that can trap: the offset of the branch (or jump) that leads to the trap
 * path, and why it traps. Reports use it to name the Wasm operation behind a trap; the runtime does
 * not need it to run the code.
 *
 * @param offset byte offset in {@link CompiledModule#code()}
 * @param function the function index (imports included) whose code contains the site
 */
public record TrapSite(int offset, int function, WasmTrap trap) {
    public TrapSite {
        if (offset < 0) {
            throw new IllegalArgumentException("negative trap site offset " + offset);
        }
        Objects.requireNonNull(trap, "trap");
    }
}

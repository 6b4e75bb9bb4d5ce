package flint.runtime;

import flint.compiler.CompiledModule;
import flint.runtime.exec.CodeMemory;
import flint.runtime.link.CodeLinker;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A compiled module loaded into executable memory with its relocations resolved, ready to be
 * instantiated any number of times, in any store.
 *
 * <p>{@link #close()} drops the creator's reference to the code; instances hold leases, so it is
 * safe (and usual) to close the module right after instantiating it.
 */
public final class NativeModule implements AutoCloseable {

    private final CompiledModule compiled;
    private final CodeMemory code;

    private NativeModule(CompiledModule compiled, CodeMemory code) {
        this.compiled = compiled;
        this.code = code;
    }

    /**
     * Maps {@code compiled}'s code and links it against the runtime's helpers.
     *
     * @throws flint.runtime.sys.PosixException if executable memory cannot be had
     */
    public static NativeModule load(CompiledModule compiled) {
        Objects.requireNonNull(compiled, "compiled");
        return new NativeModule(compiled, CodeLinker.load(compiled));
    }

    public CompiledModule compiled() {
        return compiled;
    }

    /** The loaded code (read-only), e.g. for disassembly. */
    public CodeMemory code() {
        return code;
    }

    /** The absolute address of function {@code index}'s entry (a defined function). */
    long functionAddress(int index) {
        return code.address() + compiled.function(index).offset();
    }

    /** The array-call shim of function {@code index} (a defined function), or null if it has none. */
    MemorySegment arrayShim(int index) {
        var function = compiled.function(index);
        return function.hasArrayShim() ? code.entry(function.arrayShim()) : null;
    }

    CodeMemory.Lease retain() {
        return code.retain();
    }

    /** Drops the creator's reference: the code goes when the last instance does. Idempotent. */
    @Override
    public void close() {
        code.close();
    }

    @Override
    public String toString() {
        return "NativeModule[" + compiled + ", " + code + "]";
    }
}

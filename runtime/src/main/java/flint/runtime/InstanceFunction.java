package flint.runtime;

import flint.compiler.Abi;
import flint.runtime.exec.ArgBuffer;
import flint.runtime.exec.EntryTrampoline;
import flint.runtime.exec.Outcome;
import flint.runtime.exec.TrapCode;
import flint.runtime.exec.TrapException;
import flint.wasm.model.FuncType;
import flint.wasm.value.Value;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.util.List;

/**
 * A function defined by an instance. Calls from Java enter it through its array-call shim on the
 * store's thread; as an import of another instance, its entry and vmctx go into that instance's
 * imported-function entry and calls go straight from code to code.
 */
public final class InstanceFunction implements NativeFunction {

    /**
     * Keeps the instance alive while this handle is reachable; null for a handle made from a
     * function reference after the instance became unreachable, whose state the store keeps.
     */
    private final NativeInstance instance;
    final InstanceState state;
    private final int index;
    private final FuncType type;
    private final MemorySegment shim;

    InstanceFunction(NativeInstance instance, InstanceState state, int index) {
        this.instance = instance;
        this.state = state;
        this.index = index;
        this.type = state.module.compiled().module().functionType(index);
        this.shim = state.module.arrayShim(index);
    }

    /** The instance, if this handle was made while it was reachable. */
    public java.util.Optional<NativeInstance> instance() {
        return java.util.Optional.ofNullable(instance);
    }

    /** The function's index in its module's function index space. */
    public int index() {
        return index;
    }

    @Override
    public FuncType type() {
        return type;
    }

    /** The entry in the Wasm calling convention, for imported-function entries. */
    long codeAddress() {
        return state.module.functionAddress(index);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the compiler emitted no array-call shim for this function
     *     (it does for exported functions and the start function), or the store is closed
     */
    @Override
    public List<Value> call(List<Value> args) {
        NativeFunction.checkArguments(type, args);
        if (shim == null) {
            throw new IllegalStateException("function " + index + " has no array-call shim, so Java cannot call it");
        }
        var values = List.copyOf(args);
        try {
            return state.store.run(() -> invoke(values));
        } finally {
            // the vmctx and code must outlive the native call, which holds only raw pointers
            Reference.reachabilityFence(instance);
        }
    }

    private List<Value> invoke(List<Value> args) {
        var codec = state.store.values();
        try (var arena = Arena.ofConfined()) {
            var buffer = ArgBuffer.allocate(arena, Abi.callSlots(type));
            codec.writeSlots(args, buffer);
            var outcome = EntryTrampoline.invoke(state.store.execContext(), state.vmctx, shim, buffer);
            return switch (outcome) {
                case Outcome.Returned r -> codec.readSlots(type.results(), buffer);
                case Outcome.Trapped(TrapCode code) -> throw new TrapException(code);
                case Outcome.HostFailed(Throwable cause) ->
                        throw new TrapException(TrapCode.HOST_ERROR, "host function failed: " + cause, cause);
                case Outcome.Malfunction(int status, String explanation) ->
                        throw new MalfunctionException(explanation + " (status " + status + ")");
            };
        }
    }

    @Override
    public String toString() {
        return "InstanceFunction[" + index + " " + type + "]";
    }
}

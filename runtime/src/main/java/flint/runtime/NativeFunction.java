package flint.runtime;

import flint.wasm.model.FuncType;
import flint.wasm.value.Value;
import java.util.List;

/** A function an instance can import and Java can call: Java's own, or an instance's compiled one. */
public sealed interface NativeFunction extends Extern permits HostFunction, InstanceFunction {

    FuncType type();

    /**
     * Calls the function.
     *
     * @return one value per result type
     * @throws flint.runtime.exec.TrapException if the call traps; for
     *     {@link flint.runtime.exec.TrapCode#HOST_ERROR} the cause is the host function's failure
     * @throws IllegalArgumentException if {@code args} do not match the parameter types
     * @throws UnsupportedOperationException if a value cannot cross the native boundary yet
     * @throws MalfunctionException if native code misbehaved
     */
    List<Value> call(List<Value> args);

    /** Checks that {@code args} match {@code type}'s parameters. */
    static void checkArguments(FuncType type, List<Value> args) {
        var params = type.params();
        if (args.size() != params.size()) {
            throw new IllegalArgumentException("expected " + params.size() + " arguments, got " + args.size());
        }
        for (int i = 0; i < params.size(); i++) {
            if (!ValueCodec.fits(params.get(i), args.get(i))) {
                throw new IllegalArgumentException("argument " + i + " must be " + params.get(i).text() + ", got "
                        + args.get(i));
            }
        }
    }
}

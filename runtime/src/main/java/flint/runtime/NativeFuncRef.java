package flint.runtime;

import java.util.Objects;

/**
 * The handle of a non-null {@code funcref} value ({@link flint.wasm.value.Value.FuncRef}) from the
 * native runtime: the function, callable from Java, and the address of the record native code
 * holds. Two references are equal when they are the same record.
 */
public record NativeFuncRef(NativeFunction function, long record) {

    public NativeFuncRef {
        Objects.requireNonNull(function, "function");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NativeFuncRef other && other.record == record;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(record);
    }

    @Override
    public String toString() {
        return "funcref " + function;
    }
}

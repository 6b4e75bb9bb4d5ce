package flint.compiler;

/**
 * Where one defined function's machine code is in {@link CompiledModule#code()}.
 *
 * @param offset the entry point in the Wasm calling convention ({@link Abi})
 * @param length the bytes of the function's body (constants it placed after it included)
 * @param arrayShim the entry of its array-call shim (Java → Wasm, see {@link ShimGenerator}), or
 *     {@link #NO_SHIM} for a function that Java never calls directly
 */
public record FunctionCode(int offset, int length, int arrayShim) {

    public static final int NO_SHIM = -1;

    public FunctionCode {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("function code at " + offset + " of " + length + " bytes");
        }
        if (arrayShim < NO_SHIM) {
            throw new IllegalArgumentException("shim offset " + arrayShim);
        }
    }

    public boolean hasArrayShim() {
        return arrayShim != NO_SHIM;
    }
}

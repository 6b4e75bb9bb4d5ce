package flint.wasm.model;

import java.util.Arrays;
import java.util.List;

/**
 * A function's locals and code. The code is kept as bytes (the instructions and the final
 * {@code end}) and read operator by operator by whoever consumes it: the validator, the compiler,
 * the printer (see {@code flint.wasm.binary.CodeReader}). {@code offset} is where the code starts
 * in the module's bytes, for error messages and reports (0 for a built module).
 */
public record FunctionBody(List<LocalGroup> locals, byte[] code, int offset) {
    public FunctionBody {
        locals = List.copyOf(locals);
        code = code.clone();
    }

    @Override public byte[] code() { return code.clone(); }

    /** The code bytes without copying; callers must not modify them. */
    public byte[] codeView() { return code; }

    /** The total number of declared locals (excluding parameters). */
    public long localCount() {
        long n = 0;
        for (var g : locals) n += g.count();
        return n;
    }

    @Override public boolean equals(Object o) {
        return o instanceof FunctionBody f && locals.equals(f.locals) && Arrays.equals(code, f.code);
    }

    @Override public int hashCode() { return locals.hashCode() * 31 + Arrays.hashCode(code); }

    @Override public String toString() { return "FunctionBody[locals=" + locals + ", " + code.length + " code bytes]"; }
}

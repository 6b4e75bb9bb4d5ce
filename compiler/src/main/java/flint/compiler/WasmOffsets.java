package flint.compiler;

import flint.compiler.microwasm.FunctionHeader;
import flint.compiler.microwasm.MicroOp;
import flint.compiler.microwasm.MicrowasmConverter;
import flint.compiler.microwasm.MicrowasmSink;
import flint.wasm.binary.CodeReader;
import flint.wasm.model.FunctionBody;
import flint.wasm.validate.ModuleContext;
import java.util.ArrayList;

/**
 * Which Wasm instruction each Microwasm operator of a function comes from, for listings. The
 * converter streams, so the operators of the first {@code k} instructions are exactly what it
 * emits for the body cut after them (before it fails on the cut body): converting every prefix
 * gives each instruction's first operator. Quadratic, so only for functions of at most
 * {@link #MAX_INSTRUCTIONS} instructions; never on the compiler's path.
 */
final class WasmOffsets {
    static final int MAX_INSTRUCTIONS = 3000;

    private WasmOffsets() {}

    /**
     * For each operator of function {@code function}'s Microwasm, the module offset of the Wasm
     * instruction it comes from (-1 for the operators of the function's entry), or null if the
     * function is too long to map.
     */
    static long[] of(ModuleContext context, int function, FunctionBody body) {
        var starts = new ArrayList<Integer>();
        var reader = new CodeReader(body);
        while (reader.hasNext()) {
            starts.add(reader.offset());
            reader.next();
            if (starts.size() > MAX_INSTRUCTIONS) return null;
        }
        var converter = new MicrowasmConverter(context);
        int total = count(converter, function, body, body.codeView().length);
        var offsets = new long[total];
        int done = count(converter, function, body, 0);
        java.util.Arrays.fill(offsets, 0, Math.min(done, total), -1);
        for (int k = 0; k < starts.size(); k++) {
            int end = k + 1 < starts.size() ? count(converter, function, body, starts.get(k + 1) - body.offset()) : total;
            end = Math.min(end, total);
            for (int i = done; i < end; i++) offsets[i] = starts.get(k);
            done = Math.max(done, end);
        }
        return offsets;
    }

    /** How many operators the converter emits for the first {@code length} bytes of the code. */
    private static int count(MicrowasmConverter converter, int function, FunctionBody body, int length) {
        int[] n = {0};
        var sink = new MicrowasmSink() {
            @Override public void beginFunction(FunctionHeader header) {}

            @Override public void op(MicroOp op) {
                n[0]++;
            }
        };
        var cut = length == body.codeView().length ? body
                : new FunctionBody(body.locals(), java.util.Arrays.copyOf(body.codeView(), length), body.offset());
        try {
            converter.convert(function, cut, sink);
        } catch (RuntimeException expected) {
            // the cut body is incomplete: what was emitted before the failure is what counts
        }
        return n[0];
    }
}

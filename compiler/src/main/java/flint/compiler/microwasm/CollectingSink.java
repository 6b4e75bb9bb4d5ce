package flint.compiler.microwasm;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps each completed function, for tests, printing and the interpreter. */
public final class CollectingSink implements MicrowasmSink {
    private final List<MicrowasmFunction> functions = new ArrayList<>();
    private FunctionHeader header;
    private final List<MicroOp> ops = new ArrayList<>();

    @Override public void beginFunction(FunctionHeader header) {
        this.header = header;
        ops.clear();
    }

    @Override public void op(MicroOp op) {
        if (header == null) throw new IllegalStateException("op outside a function: " + op);
        ops.add(op);
    }

    @Override public void endFunction(List<BlockInfo> blocks) {
        if (header == null) throw new IllegalStateException("endFunction without beginFunction");
        functions.add(new MicrowasmFunction(header, ops, blocks));
        header = null;
        ops.clear();
    }

    /** The functions completed so far, in order. */
    public List<MicrowasmFunction> functions() { return List.copyOf(functions); }

    /** The one function completed; fails if there is not exactly one. */
    public MicrowasmFunction single() {
        if (functions.size() != 1) throw new IllegalStateException(functions.size() + " functions collected, not 1");
        return functions.getFirst();
    }
}

package flint.compiler.microwasm;

import java.util.List;

/**
 * Receives the converter's output as it is produced, one function at a time: the backend driver,
 * a printer, or a {@link CollectingSink}.
 *
 * <p>Per function: {@link #beginFunction}, then {@link #op} for each operator in order, then
 * {@link #endFunction} with the final block statistics. When the conversion fails (invalid code,
 * an unsupported feature) the sink has seen a prefix of the function and no {@code endFunction};
 * it must discard what it has of that function.
 */
public interface MicrowasmSink {

    void beginFunction(FunctionHeader header);

    void op(MicroOp op);

    /** The function is complete; {@code blocks} describes every declared block, in declaration order. */
    default void endFunction(List<BlockInfo> blocks) {}
}

package flint.compiler.microwasm;

import java.util.List;
import java.util.Objects;

/** One function's complete Microwasm, as a {@link CollectingSink} gathers it. */
public record MicrowasmFunction(FunctionHeader header, List<MicroOp> ops, List<BlockInfo> blocks) {
    public MicrowasmFunction {
        Objects.requireNonNull(header, "header");
        ops = List.copyOf(ops);
        blocks = List.copyOf(blocks);
    }

    public int index() { return header.index(); }

    /** The final statistics of {@code label}'s block, or null if it was never declared. */
    public BlockInfo block(Label label) {
        for (var b : blocks) if (b.label().equals(label)) return b;
        return null;
    }
}

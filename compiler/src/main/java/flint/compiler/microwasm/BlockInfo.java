package flint.compiler.microwasm;

import flint.wasm.model.ValType;
import java.util.List;

/**
 * What a function's conversion found out about one declared block, once the whole function has
 * been read: the counts that {@link MicroOp.DeclareBlock} could only promise. A caller is a jump
 * site (a {@code br_table} naming a label several times is one caller of it).
 *
 * @param forwardCallers  jumps before the label's definition (for a loop, its entry)
 * @param backwardCallers jumps after it (only loop headers have them)
 */
public record BlockInfo(Label label, List<ValType> params, int forwardCallers, int backwardCallers) {
    public BlockInfo {
        params = StackTypes.immutable(params);
    }

    public int callers() { return forwardCallers + backwardCallers; }
}

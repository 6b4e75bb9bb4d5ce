package flint.compiler.microwasm;

import flint.wasm.model.ValType;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The types of the bottom of a function's stack, as a block declaration lists them: the locals,
 * then some operands. Immutable. The locals' types are shared by every list of one function, so
 * that a function with many locals and many branches does not copy its locals into every
 * declaration (only the operands, usually few, are copied).
 */
final class StackTypes extends AbstractList<ValType> implements RandomAccess {
    private final ValType[] locals;
    private final int localCount;
    private final ValType[] operands;

    /**
     * @param locals     the function's local types; never modified afterwards (shared, not copied)
     * @param localCount how many of them the list starts with
     * @param operands   the operand types that follow; owned by the list from now on
     */
    StackTypes(ValType[] locals, int localCount, ValType[] operands) {
        this.locals = locals;
        this.localCount = localCount;
        this.operands = operands;
    }

    /** {@code types} as an immutable list, without copying when it already is one of these. */
    static List<ValType> immutable(List<ValType> types) {
        return types instanceof StackTypes ? types : List.copyOf(types);
    }

    @Override public ValType get(int index) {
        if (index < localCount) {
            if (index < 0) throw new IndexOutOfBoundsException(index);
            return locals[index];
        }
        return operands[index - localCount];
    }

    @Override public int size() { return localCount + operands.length; }
}

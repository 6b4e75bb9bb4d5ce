package flint.compiler.microwasm;

/**
 * A run of stack entries to remove: the {@code count} values at depths {@code depth} to
 * {@code depth + count - 1} (depth 0 is the top of the stack). The values above the range move
 * down by {@code count}, keeping their order.
 *
 * <p>This is how a jump says which values it passes: the values above the range are the target's
 * label arguments (a block's results, a loop's parameters, the function's results), and the
 * values below it, which the jump keeps, are the outer values (locals included) that the target
 * block takes as its leading parameters.
 */
public record DropRange(int depth, int count) {

    /** Nothing to drop. */
    public static final DropRange NONE = new DropRange(0, 0);

    public DropRange {
        if (depth < 0 || count < 0) throw new IllegalArgumentException("bad drop range: depth " + depth + ", count " + count);
    }

    /** The top value alone: Wasm's {@code drop}. */
    public static DropRange top() { return new DropRange(0, 1); }

    public static DropRange of(int depth, int count) {
        return count == 0 ? NONE : new DropRange(depth, count);
    }

    public boolean isEmpty() { return count == 0; }

    /** The deepest depth removed (inclusive); meaningless when empty. */
    public int last() { return depth + count - 1; }

    /** The depths removed, inclusive: {@code [1..3]}, {@code [0]} for one value, {@code []} for none. */
    @Override public String toString() {
        if (count == 0) return "[]";
        return count == 1 ? "[" + depth + "]" : "[" + depth + ".." + last() + "]";
    }
}

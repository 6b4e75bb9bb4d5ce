package flint.compiler.microwasm;

/**
 * Where a jump goes: a block's {@link Label}, or out of the function ({@link #RETURN}). Returning
 * is a jump like any other, so {@code br}, {@code br_if} and {@code br_table} to the function's
 * own label need no special case: the target's "parameters" are then the function's results.
 */
public sealed interface Target permits Label, Target.Return {

    /** Leaving the function: the values left on the stack after the jump's drop are its results. */
    record Return() implements Target {
        @Override public String toString() { return "return"; }
    }

    Return RETURN = new Return();
}

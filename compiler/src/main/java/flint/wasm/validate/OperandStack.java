package flint.wasm.validate;

import flint.wasm.model.ValType;

import java.util.Arrays;

/**
 * The operand stack of the validation algorithm: value types, with {@code null} standing for the
 * unknown type that the polymorphic stack of unreachable code produces. Plain storage: the rules
 * about frames and unreachable code live in {@link FunctionValidator}.
 */
final class OperandStack {
    private ValType[] vals = new ValType[32];
    private int size;

    int size() { return size; }

    void clear() {
        Arrays.fill(vals, 0, size, null);
        size = 0;
    }

    void push(ValType t) {
        if (size == vals.length) vals = Arrays.copyOf(vals, size * 2);
        vals[size++] = t;
    }

    ValType pop() { return vals[--size]; }

    /** The value at absolute position {@code index} (0 = bottom of the stack). */
    ValType get(int index) { return vals[index]; }

    /** Drops everything above {@code height}. */
    void truncate(int height) {
        if (height < size) {
            Arrays.fill(vals, height, size, null);
            size = height;
        }
    }
}

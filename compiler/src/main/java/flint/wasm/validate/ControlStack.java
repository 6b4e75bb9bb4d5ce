package flint.wasm.validate;

import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;

import java.util.Arrays;

/**
 * The control frames of the validation algorithm, kept in parallel arrays so that entering a block
 * allocates nothing once the arrays have grown. Frame 0 is the function body itself; labels count
 * from the innermost frame ({@code label 0} = {@code size() - 1}).
 */
final class ControlStack {
    private Opcode[] kinds = new Opcode[16];
    private ValType[][] starts = new ValType[16][];
    private ValType[][] ends = new ValType[16][];
    private int[] heights = new int[16];
    private int[] initMarks = new int[16];
    private boolean[] unreachable = new boolean[16];
    private int size;

    int size() { return size; }

    void clear() {
        Arrays.fill(starts, 0, size, null);
        Arrays.fill(ends, 0, size, null);
        size = 0;
    }

    void push(Opcode kind, ValType[] start, ValType[] end, int height, int initMark) {
        if (size == kinds.length) grow();
        kinds[size] = kind;
        starts[size] = start;
        ends[size] = end;
        heights[size] = height;
        initMarks[size] = initMark;
        unreachable[size] = false;
        size++;
    }

    /** Removes the innermost frame; its fields stay readable until the next push. */
    void pop() { size--; }

    /** The absolute index of the frame that label {@code depth} refers to. */
    int frameOf(int depth) { return size - 1 - depth; }

    Opcode kind(int frame) { return kinds[frame]; }

    ValType[] startTypes(int frame) { return starts[frame]; }

    ValType[] endTypes(int frame) { return ends[frame]; }

    /** A branch to a loop goes back to its start, so takes the start types; any other label takes the end types. */
    ValType[] labelTypes(int frame) { return kinds[frame] == Opcode.LOOP ? starts[frame] : ends[frame]; }

    int height(int frame) { return heights[frame]; }

    int initMark(int frame) { return initMarks[frame]; }

    boolean isUnreachable(int frame) { return unreachable[frame]; }

    void setUnreachable(int frame) { unreachable[frame] = true; }

    private void grow() {
        int n = kinds.length * 2;
        kinds = Arrays.copyOf(kinds, n);
        starts = Arrays.copyOf(starts, n);
        ends = Arrays.copyOf(ends, n);
        heights = Arrays.copyOf(heights, n);
        initMarks = Arrays.copyOf(initMarks, n);
        unreachable = Arrays.copyOf(unreachable, n);
    }
}

package flint.wasm.validate;

import flint.wasm.model.LocalGroup;
import flint.wasm.model.ValType;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * A function's locals (parameters first) and, for locals of non-defaultable type, whether they have
 * been set yet (Wasm 3.0 typed references: {@code (local (ref $t))} starts without a value).
 *
 * <p>Initialization follows the spec's algorithm: the first {@code local.set}/{@code local.tee} of
 * such a local is logged, and leaving a block undoes what the block logged, because a set inside a
 * block may not have happened on every path that reaches the code after it.
 *
 * <p>Indices are u32 carried in an {@code int}: callers pass them through unchanged and
 * {@link #contains} compares unsigned. A binary module may declare up to 2^32-1 locals in a few
 * bytes, so beyond {@link #FLAT_LIMIT} types are found by binary search over the declared groups
 * and initialization is kept in a hash set instead of arrays sized by the count.
 */
final class Locals {
    static final int FLAT_LIMIT = 1 << 16;

    private long count;
    private int paramCount;
    private boolean flat;
    private ValType[] flatTypes = new ValType[16];
    private long[] groupEnds = new long[8];
    private ValType[] groupTypes = new ValType[8];
    private int groups;

    private boolean tracking;
    private long[] initBits = new long[4];
    private HashSet<Integer> initSet;
    private int[] log = new int[16];
    private int logSize;

    /** Sets up the locals of a new function; does not check the types (the caller validates them). */
    void reset(ValType[] params, List<LocalGroup> declared) {
        groups = 0;
        paramCount = params.length;
        count = 0;
        tracking = false;
        for (var p : params) addGroup(1, p);
        for (var g : declared) {
            addGroup(g.count(), g.type());
            if (g.count() > 0 && !Subtyping.isDefaultable(g.type())) tracking = true;
        }
        flat = count <= FLAT_LIMIT;
        if (flat) {
            if (flatTypes.length < count) flatTypes = new ValType[(int) Math.max(count, flatTypes.length * 2L)];
            int at = 0;
            long start = 0;
            for (int g = 0; g < groups; g++) {
                for (long i = start; i < groupEnds[g]; i++) flatTypes[at++] = groupTypes[g];
                start = groupEnds[g];
            }
        }
        logSize = 0;
        if (tracking) {
            if (flat) {
                int words = (int) ((count + 63) >>> 6);
                if (initBits.length < words) initBits = new long[words];
                else Arrays.fill(initBits, 0, words, 0L);
                initSet = null;
            } else {
                initSet = new HashSet<>();
            }
        }
    }

    private void addGroup(long n, ValType t) {
        if (n == 0) return;
        if (groups == groupEnds.length) {
            groupEnds = Arrays.copyOf(groupEnds, groups * 2);
            groupTypes = Arrays.copyOf(groupTypes, groups * 2);
        }
        count += n;
        groupEnds[groups] = count;
        groupTypes[groups] = t;
        groups++;
    }

    long count() { return count; }

    /** Whether the u32 {@code index} names a local. */
    boolean contains(int index) { return Integer.toUnsignedLong(index) < count; }

    /** The type of local {@code index}, which must be {@linkplain #contains contained}. */
    ValType type(int index) {
        if (flat) return flatTypes[index];
        long i = Integer.toUnsignedLong(index);
        int lo = 0, hi = groups - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (groupEnds[mid] <= i) lo = mid + 1;
            else hi = mid;
        }
        return groupTypes[lo];
    }

    /** Whether local {@code index} holds a value: always, unless its type is non-defaultable and no set reached it. */
    boolean isInitialized(int index, ValType type) {
        if (!tracking || Subtyping.isDefaultable(type) || Integer.compareUnsigned(index, paramCount) < 0) return true;
        return flat ? (initBits[index >>> 6] & (1L << index)) != 0 : initSet.contains(index);
    }

    /** Records a set of local {@code index}; logged only when it changes the state. */
    void initialize(int index, ValType type) {
        if (isInitialized(index, type)) return;
        if (flat) initBits[index >>> 6] |= 1L << index;
        else initSet.add(index);
        if (logSize == log.length) log = Arrays.copyOf(log, logSize * 2);
        log[logSize++] = index;
    }

    /** The current length of the initialization log, to restore at the end of a block. */
    int mark() { return logSize; }

    /** Forgets the sets logged since {@code mark}. */
    void resetTo(int mark) {
        while (logSize > mark) {
            int index = log[--logSize];
            if (flat) initBits[index >>> 6] &= ~(1L << index);
            else initSet.remove(index);
        }
    }
}

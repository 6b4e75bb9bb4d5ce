package flint.runtime.table;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import flint.compiler.Abi;
import flint.wasm.model.TableType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A table's native storage: the {@code {base, length}} definition that vmctx entries point to
 * ({@link Abi#TABLE_DEFINITION_SIZE}) and the element array it describes, 8 bytes per element
 * (a function record's address or an externref handle; 0 is null).
 *
 * <p>The definition never moves, so every instance that has the table points at the same one;
 * the array moves when the table outgrows it (capacity doubles, up to the maximum), and generated
 * code reloads {@code base} from the definition on every access. Not thread-safe: the store runs
 * Wasm and table operations on one thread at a time.
 */
public final class TableArray implements AutoCloseable {

    /**
     * The host's limit on a table's elements, whatever its declared maximum: 10 million elements
     * (80 MB) is far beyond what tests and generated modules use, and keeps a runaway
     * {@code table.grow} from taking the worker's memory.
     */
    public static final long HOST_LIMIT = 10_000_000;

    private final Arena definitionArena = Arena.ofShared();
    private final MemorySegment definition;
    private final TableType type;
    private final long maxElements;
    private Arena elementsArena;
    private MemorySegment elements;
    private long size;

    private TableArray(TableType type, long initialSize, long maxElements, long initialValue) {
        this.type = type;
        this.maxElements = maxElements;
        this.definition = definitionArena.allocate(Abi.TABLE_DEFINITION_SIZE, 16);
        allocate(initialSize);
        this.size = initialSize;
        fill(0, initialSize, initialValue);
        publish();
    }

    /**
     * A table of {@code type} at its minimum size, every element {@code initialValue}.
     *
     * @throws TableLimitException if the minimum exceeds the host's limit
     */
    public static TableArray create(TableType type, long initialValue) {
        Objects.requireNonNull(type, "type");
        var limits = type.limits();
        long max = limits.hasMax() ? Math.min(limits.max().getAsLong(), HOST_LIMIT) : HOST_LIMIT;
        if (Long.compareUnsigned(limits.min(), max) > 0) {
            throw new TableLimitException("a table of " + Long.toUnsignedString(limits.min())
                    + " elements exceeds the host's limit of " + HOST_LIMIT);
        }
        return new TableArray(type, limits.min(), max, initialValue);
    }

    public TableType type() {
        return type;
    }

    /** The address of the {@code {base, length}} definition, for vmctx entries. */
    public long definitionAddress() {
        return definition.address();
    }

    public long size() {
        return size;
    }

    /** The most elements the table can reach: the declared maximum, capped by the host's limit. */
    public long maxElements() {
        return maxElements;
    }

    /** Element {@code index}'s raw bits; IndexOutOfBoundsException outside the table. */
    public long get(long index) {
        Objects.checkIndex(index, size);
        return elements.getAtIndex(JAVA_LONG, index);
    }

    public void set(long index, long bits) {
        Objects.checkIndex(index, size);
        elements.setAtIndex(JAVA_LONG, index, bits);
    }

    /** Wasm's {@code table.grow}: the old size, or -1 (nothing changes) if the table cannot grow so far. */
    public long grow(long delta, long initialValue) {
        long old = size;
        if (delta < 0 || delta > maxElements - old) {
            return -1;
        }
        if (old + delta > capacity()) {
            reallocate(Math.min(maxElements, Math.max(old + delta, 2 * capacity())));
        }
        size = old + delta;
        fill(old, delta, initialValue);
        publish();
        return old;
    }

    /**
     * Whether {@code [start, start + count)} lies within the table (unsigned arithmetic, as the
     * bounds rules of {@code table.fill}, {@code copy} and {@code init} say).
     */
    public boolean inBounds(long start, long count) {
        return Long.compareUnsigned(start, size) <= 0 && Long.compareUnsigned(count, size - start) <= 0;
    }

    /** Sets {@code count} elements from {@code start}; the caller checked {@link #inBounds}. */
    public void fill(long start, long count, long bits) {
        for (long i = 0; i < count; i++) {
            elements.setAtIndex(JAVA_LONG, start + i, bits);
        }
    }

    /** Copies {@code count} elements of {@code source} from {@code from} to {@code to} here, overlap allowed. */
    public void copyFrom(TableArray source, long from, long to, long count) {
        MemorySegment.copy(source.elements, from * 8, elements, to * 8, count * 8);
    }

    /** Writes {@code bits[from, from + count)} to elements from {@code to}. */
    public void write(long to, long[] bits, int from, int count) {
        MemorySegment.copy(bits, from, elements, JAVA_LONG, to * 8, count);
    }

    private long capacity() {
        return elements.byteSize() / 8;
    }

    private void allocate(long count) {
        elementsArena = Arena.ofShared();
        // one element at least, so the base is a real address even for an empty table
        elements = elementsArena.allocate(Math.max(count, 1) * 8, 16);
    }

    private void reallocate(long capacity) {
        var oldArena = elementsArena;
        var old = elements;
        allocate(capacity);
        MemorySegment.copy(old, 0, elements, 0, size * 8);
        oldArena.close();
    }

    private void publish() {
        definition.set(JAVA_LONG, Abi.TABLE_BASE_FIELD, elements.address());
        definition.set(JAVA_LONG, Abi.TABLE_LENGTH_FIELD, size);
    }

    @Override
    public void close() {
        elementsArena.close();
        definitionArena.close();
    }

    @Override
    public String toString() {
        return "TableArray[" + size + " of " + type.elementType().text() + "]";
    }
}

package flint.runtime.table;

/** A table's minimum size exceeds the host's limit ({@link TableArray#HOST_LIMIT}). */
public final class TableLimitException extends RuntimeException {
    public TableLimitException(String message) {
        super(message);
    }
}

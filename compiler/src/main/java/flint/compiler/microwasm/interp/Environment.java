package flint.compiler.microwasm.interp;

/**
 * What interpreted code reaches outside its own functions: the instance's memory and globals and
 * its imported functions. The harness implements it with the instance's linked imports.
 *
 * <p>Values cross as {@code long}s: an i32 sign-extended, an i64 as it is (the interpreter
 * handles only integer code).
 */
public interface Environment {

    /** Memory 0, or null if the module has none. */
    ByteMemory memory();

    /** The value of integer global {@code index} (imports first). */
    long getGlobal(int index);

    void setGlobal(int index, long value);

    /**
     * Calls imported function {@code function}; returns its results. May throw an
     * {@link InterpreterTrap}, or anything else to abort the whole call.
     */
    long[] callImport(int function, long[] args);
}

package flint.harness.gen;

/**
 * Kinds of instructions, the unit of the generator's weights and of swarm testing (each module may
 * switch a random subset of kinds off, so rare interactions get room).
 */
public enum Kind {
    CONST, LOCAL, GLOBAL,
    INT_ARITH, INT_COMPARE, FLOAT_ARITH, FLOAT_COMPARE, CONVERT, SIGN_EXT, SAT_TRUNC,
    LOAD, STORE, MEMORY_SIZE_GROW, BULK_MEMORY, TABLE_BULK,
    REF, TABLE,
    CALL, CALL_INDIRECT, TAIL_CALL,
    BLOCK, LOOP, IF, BR, BR_IF, BR_TABLE, RETURN, UNREACHABLE, END,
    DROP, SELECT, NOP,
    SIMD;

    /** The default weight: roughly how often a step of the builder picks this kind. */
    public int defaultWeight() {
        return switch (this) {
            case CONST, LOCAL -> 10;
            case INT_ARITH, FLOAT_ARITH -> 14;
            case INT_COMPARE, FLOAT_COMPARE, CONVERT -> 6;
            case LOAD, STORE, GLOBAL -> 6;
            case SIGN_EXT, SAT_TRUNC, SELECT, DROP, CALL -> 4;
            case BLOCK, LOOP, IF, END -> 4;
            case BR, BR_IF -> 3;
            case BR_TABLE, CALL_INDIRECT, MEMORY_SIZE_GROW, BULK_MEMORY, TABLE_BULK, REF, TABLE, TAIL_CALL -> 2;
            case RETURN, NOP -> 1;
            case UNREACHABLE -> 1;
            case SIMD -> 12;
        };
    }

    /** Kinds swarm mode never disables: without them bodies cannot be built sensibly. */
    public boolean essential() {
        return this == CONST || this == LOCAL || this == END;
    }
}

package flint.wasm.model;

/** The type of a block, loop, if or try_table: empty, a single result, or a function type by index. */
public sealed interface BlockType {
    record Empty() implements BlockType {}

    record Value(ValType type) implements BlockType {}

    record TypeIndex(int index) implements BlockType {}

    BlockType EMPTY = new Empty();

    static BlockType of(ValType type) { return new Value(type); }
}

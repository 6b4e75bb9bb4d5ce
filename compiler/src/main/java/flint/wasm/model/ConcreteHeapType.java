package flint.wasm.model;

/** A heap type naming a type of the type section by index (a u32: indices above 2^31-1 are negative ints). */
public record ConcreteHeapType(int typeIndex) implements HeapType {
    @Override public String text() { return Integer.toUnsignedString(typeIndex); }
}

package flint.wasm.model;

/** A heap type naming a type of the type section by index. */
public record ConcreteHeapType(int typeIndex) implements HeapType {
    @Override public String text() { return Integer.toString(typeIndex); }
}

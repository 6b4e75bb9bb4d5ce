package flint.wasm.model;

/** What a reference points at: an abstract heap type or a type defined by index. */
public sealed interface HeapType permits AbsHeapType, ConcreteHeapType {
    String text();
}

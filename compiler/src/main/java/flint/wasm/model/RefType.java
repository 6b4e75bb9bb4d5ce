package flint.wasm.model;

/** A reference type {@code (ref null? heaptype)}. */
public record RefType(boolean nullable, HeapType heap) implements ValType {
    public static final RefType FUNCREF = new RefType(true, AbsHeapType.FUNC);
    public static final RefType EXTERNREF = new RefType(true, AbsHeapType.EXTERN);
    public static final RefType EXNREF = new RefType(true, AbsHeapType.EXN);

    /** Binary shorthand bytes: 0x63 = (ref null ht), 0x64 = (ref ht). */
    public static final int REF_NULL_PREFIX = 0x63;
    public static final int REF_PREFIX = 0x64;

    @Override public String text() {
        if (nullable && heap instanceof AbsHeapType abs) {
            switch (abs) {
                case FUNC: return "funcref";
                case EXTERN: return "externref";
                case EXN: return "exnref";
                case ANY: return "anyref";
                case EQ: return "eqref";
                case I31: return "i31ref";
                case STRUCT: return "structref";
                case ARRAY: return "arrayref";
                case NONE: return "nullref";
                case NOFUNC: return "nullfuncref";
                case NOEXTERN: return "nullexternref";
                case NOEXN: return "nullexnref";
            }
        }
        return "(ref " + (nullable ? "null " : "") + heap.text() + ")";
    }

    public boolean isFuncRef() { return heap == AbsHeapType.FUNC || heap instanceof ConcreteHeapType; }

    @Override public String toString() { return text(); }
}

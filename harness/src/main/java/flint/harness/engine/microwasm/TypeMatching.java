package flint.harness.engine.microwasm;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.FuncType;
import flint.wasm.model.HeapType;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.WasmModule;

/**
 * Type equivalence and matching across modules, for import checking. A concrete heap type is an
 * index into its own module's types, so two types are compared structurally, each in its module
 * (without recursion groups a type refers only to earlier ones, so this terminates). A null module
 * stands for a host function's types, which never name concrete types.
 */
final class TypeMatching {
    private TypeMatching() {}

    static boolean same(FuncType a, WasmModule am, FuncType b, WasmModule bm) {
        return same(a.params(), am, b.params(), bm) && same(a.results(), am, b.results(), bm);
    }

    private static boolean same(java.util.List<ValType> a, WasmModule am, java.util.List<ValType> b, WasmModule bm) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!same(a.get(i), am, b.get(i), bm)) return false;
        return true;
    }

    static boolean same(ValType a, WasmModule am, ValType b, WasmModule bm) {
        if (a instanceof RefType ra && b instanceof RefType rb) {
            return ra.nullable() == rb.nullable() && sameHeap(ra.heap(), am, rb.heap(), bm);
        }
        return a.equals(b);
    }

    /** Whether a value of type {@code actual} (of module {@code am}) fits where {@code expected} (of {@code em}) is wanted. */
    static boolean matches(ValType actual, WasmModule am, ValType expected, WasmModule em) {
        if (actual instanceof RefType ra && expected instanceof RefType re) {
            return (re.nullable() || !ra.nullable()) && heapMatches(ra.heap(), am, re.heap(), em);
        }
        return actual.equals(expected);
    }

    private static boolean sameHeap(HeapType a, WasmModule am, HeapType b, WasmModule bm) {
        if (a instanceof ConcreteHeapType ca && b instanceof ConcreteHeapType cb) {
            if (am == null || bm == null) return ca.equals(cb);
            return same(am.types().get(ca.typeIndex()), am, bm.types().get(cb.typeIndex()), bm);
        }
        return a.equals(b);
    }

    /** The function-reference part of heap subtyping: nofunc below every function type, func above. */
    private static boolean heapMatches(HeapType actual, WasmModule am, HeapType expected, WasmModule em) {
        if (sameHeap(actual, am, expected, em)) return true;
        if (expected instanceof AbsHeapType top) {
            if (actual instanceof AbsHeapType a) return a.top() == top || a == top.bottom();
            return top == AbsHeapType.FUNC;
        }
        return actual == AbsHeapType.NOFUNC;
    }
}

package flint.wasm.validate;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.FuncType;
import flint.wasm.model.HeapType;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The subtype relation on value types of one module (Wasm 3.0 without the GC type system).
 *
 * <p>Concrete types are compared by equivalence: without rec groups or declared supertypes every
 * defined type is final and its own singleton rec group, so {@code $a <: $b} holds exactly when the
 * two are structurally equal, a reference to the type itself counting as {@code rec.0}. Each type
 * gets a canonical id up front, which makes the hot-path check an int comparison.
 */
public final class Subtyping {
    /**
     * The heap type {@code bot} of the validation algorithm: the heap of a reference popped from
     * the polymorphic stack of unreachable code. Compared by identity; never part of a module.
     */
    public static final ConcreteHeapType BOTTOM_HEAP = new ConcreteHeapType(-1);

    /** {@code (ref bot)}: what {@code ref.as_non_null} and friends push for an unknown operand. */
    public static final RefType BOTTOM_REF = new RefType(false, BOTTOM_HEAP);

    private final int[] canon;

    /** For a module whose types are already known to be valid (each refers only to itself and earlier types). */
    Subtyping(List<FuncType> types) {
        this.canon = canonicalIds(types);
    }

    /** Whether {@code actual} matches {@code expected}; a null {@code actual} is the unknown type and matches anything. */
    public boolean matches(ValType actual, ValType expected) {
        if (actual == expected || actual == null) return true;
        return actual instanceof RefType a && expected instanceof RefType e && refMatches(a, e);
    }

    public boolean refMatches(RefType actual, RefType expected) {
        return (!actual.nullable() || expected.nullable()) && heapMatches(actual.heap(), expected.heap());
    }

    public boolean heapMatches(HeapType actual, HeapType expected) {
        if (actual == BOTTOM_HEAP) return true;
        if (actual instanceof ConcreteHeapType a) {
            return switch (expected) {
                case ConcreteHeapType e -> e != BOTTOM_HEAP && canon[a.typeIndex()] == canon[e.typeIndex()];
                // Every defined type is a function type here, so it sits below func only.
                case AbsHeapType e -> e == AbsHeapType.FUNC;
            };
        }
        var a = (AbsHeapType) actual;
        return switch (expected) {
            // Only the bottom of the func hierarchy is below a concrete function type.
            case ConcreteHeapType e -> a == AbsHeapType.NOFUNC && e != BOTTOM_HEAP;
            case AbsHeapType e -> absMatches(a, e);
        };
    }

    /** The abstract heap type lattice of Wasm 3.0 (including the GC part, which costs nothing). */
    static boolean absMatches(AbsHeapType a, AbsHeapType e) {
        if (a == e) return true;
        if (a.top() != e.top()) return false;
        if (a == a.bottom()) return true;
        // Within the any hierarchy: i31, struct and array are below eq, which is below any.
        return switch (e) {
            case ANY -> true;
            case EQ -> a == AbsHeapType.I31 || a == AbsHeapType.STRUCT || a == AbsHeapType.ARRAY;
            default -> false;
        };
    }

    /** Whether the result type {@code actual} matches {@code expected} pointwise (same length). */
    public boolean resultMatches(List<ValType> actual, List<ValType> expected) {
        if (actual.size() != expected.size()) return false;
        for (int i = 0; i < actual.size(); i++) if (!matches(actual.get(i), expected.get(i))) return false;
        return true;
    }

    /** Type equivalence (both directions of matching). */
    public boolean equivalent(ValType a, ValType b) {
        return matches(a, b) && matches(b, a);
    }

    /** The canonical id of type {@code index}: equal ids mean equivalent types. */
    public int canonicalId(int index) { return canon[index]; }

    public static boolean isDefaultable(ValType t) {
        return !(t instanceof RefType r) || r.nullable();
    }

    public static boolean isNumOrVec(ValType t) {
        return t instanceof NumType || t instanceof VecType;
    }

    private record CanonRef(boolean nullable, Object heap) {}

    private static final Object SELF = new Object() {
        @Override public String toString() { return "rec.0"; }
    };

    private static int[] canonicalIds(List<FuncType> types) {
        var ids = new int[types.size()];
        var interned = new HashMap<List<Object>, Integer>();
        for (int i = 0; i < ids.length; i++) {
            var t = types.get(i);
            var key = new ArrayList<Object>(t.params().size() + t.results().size() + 1);
            key.add(t.params().size());
            for (var v : t.params()) key.add(canonicalPart(v, i, ids));
            for (var v : t.results()) key.add(canonicalPart(v, i, ids));
            ids[i] = interned.computeIfAbsent(key, k -> interned.size());
        }
        return ids;
    }

    private static Object canonicalPart(ValType v, int self, int[] ids) {
        if (!(v instanceof RefType r)) return v;
        if (!(r.heap() instanceof ConcreteHeapType c)) return r;
        int x = c.typeIndex();
        // Validity (x <= self) was checked before; anything else would be a bug upstream.
        return new CanonRef(r.nullable(), x == self ? SELF : (Object) ids[x]);
    }
}

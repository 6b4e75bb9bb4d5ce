package flint.harness.engine;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import flint.wasm.value.Value;
import java.util.List;

/**
 * Checks values against types at the engine boundary, the same way for every engine, so that a
 * caller's mistake is reported identically everywhere instead of as some engine's crash.
 */
public final class Signatures {
    private Signatures() {}

    /**
     * Whether {@code value} may be passed where {@code type} is expected. References are checked by
     * hierarchy and nullability only: the harness's reference values do not carry concrete types.
     */
    public static boolean fits(Value value, ValType type) {
        return switch (type) {
            case NumType n -> value.type() == n;
            case VecType v -> value instanceof Value.V128;
            case RefType r -> fitsRef(value, r);
        };
    }

    private static boolean fitsRef(Value value, RefType type) {
        AbsHeapType top = switch (type.heap()) {
            case AbsHeapType abs -> abs.top();
            // concrete types name function types here: GC structs and arrays have no Value yet
            case ConcreteHeapType c -> AbsHeapType.FUNC;
        };
        boolean isNull;
        switch (value) {
            case Value.FuncRef f when top == AbsHeapType.FUNC -> isNull = f.isNull();
            case Value.ExternRef e when top == AbsHeapType.EXTERN -> isNull = e.isNull();
            case Value.ExnRef e when top == AbsHeapType.EXN -> isNull = e.isNull();
            default -> { return false; }
        }
        if (isNull) {
            return type.nullable();
        }
        // a non-null value never fits a bottom type such as nullfuncref
        return !(type.heap() instanceof AbsHeapType abs && abs == abs.bottom());
    }

    /**
     * @throws IllegalArgumentException naming the first argument that does not fit, or the count
     */
    public static void checkArguments(String function, List<ValType> params, List<Value> args) {
        if (args.size() != params.size()) {
            throw new IllegalArgumentException(function + " expects " + params.size() + " argument"
                    + (params.size() == 1 ? "" : "s") + ", got " + args.size());
        }
        for (int i = 0; i < params.size(); i++) {
            if (!fits(args.get(i), params.get(i))) {
                throw new IllegalArgumentException(function + " argument " + i + " must be "
                        + params.get(i).text() + ", got " + args.get(i));
            }
        }
    }

    /** Why {@code results} do not match {@code types}, or null if they do. */
    public static String resultMismatch(List<ValType> types, List<Value> results) {
        if (results == null) {
            return "returned null instead of a list";
        }
        if (results.size() != types.size()) {
            return "returned " + results.size() + " value" + (results.size() == 1 ? "" : "s")
                    + " where " + types.size() + " " + (types.size() == 1 ? "is" : "are") + " declared";
        }
        for (int i = 0; i < types.size(); i++) {
            if (results.get(i) == null || !fits(results.get(i), types.get(i))) {
                return "returned " + results.get(i) + " as result " + i + ", declared " + types.get(i).text();
            }
        }
        return null;
    }
}

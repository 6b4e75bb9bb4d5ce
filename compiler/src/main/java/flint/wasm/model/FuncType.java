package flint.wasm.model;

import java.util.List;
import java.util.stream.Collectors;

/** A function type: parameters to results. */
public record FuncType(List<ValType> params, List<ValType> results) {
    public FuncType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    public static FuncType of(List<ValType> params, List<ValType> results) {
        return new FuncType(params, results);
    }

    public static final FuncType EMPTY = new FuncType(List.of(), List.of());

    @Override public String toString() {
        return "[" + params.stream().map(ValType::text).collect(Collectors.joining(" ")) + "] -> ["
                + results.stream().map(ValType::text).collect(Collectors.joining(" ")) + "]";
    }
}

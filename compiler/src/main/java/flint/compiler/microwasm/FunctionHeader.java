package flint.compiler.microwasm;

import flint.wasm.model.FuncType;
import flint.wasm.model.ValType;
import java.util.List;
import java.util.Objects;

/**
 * What a consumer learns before a function's first operator. On entry the Microwasm stack holds
 * the parameters; the converter's first operators push the declared locals' zero values, so
 * after them local {@code i} is stack entry {@code i} from the bottom.
 *
 * @param index  the function's index in the function index space (imports first)
 * @param type   its signature
 * @param locals the declared locals' types (parameters excluded), in order
 */
public record FunctionHeader(int index, FuncType type, List<ValType> locals) {
    public FunctionHeader {
        Objects.requireNonNull(type, "type");
        locals = List.copyOf(locals);
    }

    /** Parameters and declared locals: the stack height once the locals are pushed. */
    public int localCount() { return type.params().size() + locals.size(); }
}

package flint.harness.engine.chicory;

import com.dylibso.chicory.wasm.types.FunctionType;
import flint.wasm.model.AbsHeapType;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.FuncType;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import java.util.List;

/** Converts between Flint's type model and Chicory's {@code ValType}/{@code FunctionType}. */
final class ChicoryTypes {
    private ChicoryTypes() {}

    // Chicory keeps an abstract heap type as a negative "type index": the binary code - 0x80.
    private static final int ABS_HEAP_BIAS = 0x80;

    static ValType toFlint(com.dylibso.chicory.wasm.types.ValType type) {
        int opcode = type.opcode();
        return switch (opcode) {
            case com.dylibso.chicory.wasm.types.ValType.ID.I32 -> NumType.I32;
            case com.dylibso.chicory.wasm.types.ValType.ID.I64 -> NumType.I64;
            case com.dylibso.chicory.wasm.types.ValType.ID.F32 -> NumType.F32;
            case com.dylibso.chicory.wasm.types.ValType.ID.F64 -> NumType.F64;
            case com.dylibso.chicory.wasm.types.ValType.ID.V128 -> VecType.V128;
            case com.dylibso.chicory.wasm.types.ValType.ID.Ref, com.dylibso.chicory.wasm.types.ValType.ID.RefNull -> {
                int idx = type.typeIdx();
                var heap = idx >= 0
                        ? new ConcreteHeapType(idx)
                        : AbsHeapType.fromCode(idx + ABS_HEAP_BIAS);
                if (heap == null) {
                    throw new IllegalStateException("Chicory heap type " + idx + " has no Flint equivalent");
                }
                yield new RefType(opcode == com.dylibso.chicory.wasm.types.ValType.ID.RefNull, heap);
            }
            default -> throw new IllegalStateException("Chicory value type " + type + " has no Flint equivalent");
        };
    }

    static FuncType toFlint(FunctionType type) {
        return new FuncType(toFlint(type.params()), toFlint(type.returns()));
    }

    static List<ValType> toFlint(List<com.dylibso.chicory.wasm.types.ValType> types) {
        return types.stream().map(ChicoryTypes::toFlint).toList();
    }

    /**
     * Chicory's form of a host function's type. Concrete reference types cannot be expressed
     * outside a module's type section, so host signatures are limited to abstract ones.
     */
    static com.dylibso.chicory.wasm.types.ValType toChicory(ValType type) {
        return switch (type) {
            case NumType n -> switch (n) {
                case I32 -> com.dylibso.chicory.wasm.types.ValType.I32;
                case I64 -> com.dylibso.chicory.wasm.types.ValType.I64;
                case F32 -> com.dylibso.chicory.wasm.types.ValType.F32;
                case F64 -> com.dylibso.chicory.wasm.types.ValType.F64;
            };
            case VecType v -> com.dylibso.chicory.wasm.types.ValType.V128;
            case RefType r -> switch (r.heap()) {
                case AbsHeapType abs -> com.dylibso.chicory.wasm.types.ValType.builder()
                        .withOpcode(r.nullable() ? com.dylibso.chicory.wasm.types.ValType.ID.RefNull
                                : com.dylibso.chicory.wasm.types.ValType.ID.Ref)
                        .withTypeIdx(abs.code() - ABS_HEAP_BIAS)
                        .build();
                case ConcreteHeapType c -> throw new IllegalArgumentException(
                        "host function types cannot use concrete reference type " + r.text());
            };
        };
    }

    static FunctionType toChicory(FuncType type) {
        return FunctionType.of(
                type.params().stream().map(ChicoryTypes::toChicory).toList(),
                type.results().stream().map(ChicoryTypes::toChicory).toList());
    }
}

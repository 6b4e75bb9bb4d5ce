package flint.runtime;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import flint.runtime.exec.ArgBuffer;
import flint.wasm.model.AbsHeapType;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import flint.wasm.value.Value;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Values in native memory: argument-buffer slots and global cells share one encoding (see
 * {@link ArgBuffer}): i32/f32 zero-extended to 8 bytes, i64/f64 8 bytes, v128 16 bytes,
 * externref a store handle ({@link ExternRefs}), funcref the address of a function record
 * ({@link FunctionRecords}), 0 for null. Floats move as raw bits, so NaN payloads survive. Table
 * elements hold references in the same 8-byte form ({@link #bits}, {@link #fromBits}).
 */
final class ValueCodec {

    private final ExternRefs externs = new ExternRefs();
    private final FunctionRecords functions;

    ValueCodec(FunctionRecords functions) {
        this.functions = functions;
    }

    /** The 8-byte native form of a reference (or of any value that fits 8 bytes). */
    long bits(Value value) {
        return switch (value) {
            case Value.ExternRef ref -> externs.handle(ref.handle());
            case Value.FuncRef ref -> ref.isNull() ? 0 : functions.address(ref.handle());
            case Value.I32(int v) -> Integer.toUnsignedLong(v);
            case Value.I64(long v) -> v;
            case Value.F32(int bits) -> Integer.toUnsignedLong(bits);
            case Value.F64(long bits) -> bits;
            case Value.V128 v -> throw new IllegalArgumentException("a v128 does not fit 8 bytes");
            case Value.ExnRef ref -> throw new UnsupportedOperationException("exnref values are not supported natively");
        };
    }

    /** The reference of {@code type} whose native form is {@code bits}. */
    Value fromBits(RefType type, long bits) {
        return readRef(type, bits);
    }

    /** Writes {@code value}, already checked to be of the slot's or cell's type. */
    void write(Value value, MemorySegment target, long offset) {
        if (value instanceof Value.V128(long low, long high)) {
            target.set(JAVA_LONG_UNALIGNED, offset, low);
            target.set(JAVA_LONG_UNALIGNED, offset + 8, high);
        } else {
            target.set(JAVA_LONG_UNALIGNED, offset, bits(value));
        }
    }

    Value read(ValType type, MemorySegment source, long offset) {
        return switch (type) {
            case NumType n -> switch (n) {
                case I32 -> Value.i32(source.get(JAVA_INT_UNALIGNED, offset));
                case I64 -> Value.i64(source.get(JAVA_LONG_UNALIGNED, offset));
                case F32 -> new Value.F32(source.get(JAVA_INT_UNALIGNED, offset));
                case F64 -> new Value.F64(source.get(JAVA_LONG_UNALIGNED, offset));
            };
            case VecType v -> new Value.V128(source.get(JAVA_LONG_UNALIGNED, offset),
                    source.get(JAVA_LONG_UNALIGNED, offset + 8));
            case RefType r -> readRef(r, source.get(JAVA_LONG_UNALIGNED, offset));
        };
    }

    private Value readRef(RefType type, long bits) {
        return switch (referenceKind(type)) {
            case EXTERN -> new Value.ExternRef(externs.object(bits));
            case FUNC -> bits == 0 ? Value.FuncRef.NULL : new Value.FuncRef(functions.reference(bits));
            case null -> throw new UnsupportedOperationException(type.text() + " values are not supported natively");
        };
    }

    /** Writes {@code values} into slots 0.. of {@code buffer}. */
    void writeSlots(List<Value> values, ArgBuffer buffer) {
        for (int i = 0; i < values.size(); i++) {
            write(values.get(i), buffer.segment(), i * ArgBuffer.SLOT_SIZE);
        }
    }

    /** Reads values of {@code types} from slots 0.. of {@code buffer}. */
    List<Value> readSlots(List<ValType> types, ArgBuffer buffer) {
        var values = new ArrayList<Value>(types.size());
        for (int i = 0; i < types.size(); i++) {
            values.add(read(types.get(i), buffer.segment(), i * ArgBuffer.SLOT_SIZE));
        }
        return values;
    }

    private enum RefKind { FUNC, EXTERN }

    /** The native representation of references of {@code type}, or null if the runtime has none. */
    private static RefKind referenceKind(RefType type) {
        return switch (type.heap()) {
            case ConcreteHeapType c -> RefKind.FUNC; // without GC, concrete types are function types
            case AbsHeapType a when a.top() == AbsHeapType.FUNC -> RefKind.FUNC;
            case AbsHeapType a when a.top() == AbsHeapType.EXTERN -> RefKind.EXTERN;
            case AbsHeapType a -> null;
        };
    }

    /** Whether the runtime can hold values of {@code type} (in slots and cells). */
    static boolean supports(ValType type) {
        return !(type instanceof RefType r) || referenceKind(r) != null;
    }

    /**
     * Whether {@code value} is of {@code type}, as far as the runtime can tell (references by
     * hierarchy and nullability).
     */
    static boolean fits(ValType type, Value value) {
        return switch (type) {
            case NumType n -> value != null && value.type() == n;
            case VecType v -> value instanceof Value.V128;
            case RefType r -> switch (value) {
                case Value.ExternRef e when referenceKind(r) == RefKind.EXTERN -> r.nullable() || !e.isNull();
                case Value.FuncRef f when referenceKind(r) == RefKind.FUNC -> r.nullable() || !f.isNull();
                case null, default -> false;
            };
        };
    }
}

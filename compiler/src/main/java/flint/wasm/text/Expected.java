package flint.wasm.text;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.HeapType;
import flint.wasm.model.NumType;
import flint.wasm.value.Value;

import java.util.List;
import java.util.Optional;

/** One expected result of {@code assert_return}: a value or a pattern values are matched against. */
public sealed interface Expected {

    /** NaN patterns: the canonical NaN (either sign), or any NaN with the quiet bit set. */
    enum NanKind {
        CANONICAL("nan:canonical"), ARITHMETIC("nan:arithmetic");

        private final String text;

        NanKind(String text) { this.text = text; }

        public String text() { return text; }
    }

    /** Exactly this value (floats bit for bit). */
    record Exact(Value value) implements Expected {}

    /** {@code (f32.const nan:canonical)} and the like. */
    record Nan(NumType type, NanKind kind) implements Expected {}

    /** A v128 with at least one NaN-pattern lane; other lanes are exact bit patterns. */
    record VectorPattern(VectorShape shape, List<Lane> lanes) implements Expected {
        public VectorPattern {
            lanes = List.copyOf(lanes);
        }
    }

    /** One lane of a {@link VectorPattern}. */
    sealed interface Lane {
        /** A lane that must have exactly these bits (zero-extended from the lane width). */
        record Bits(long bits) implements Lane {}

        record NanLane(NanKind kind) implements Lane {}
    }

    /** {@code (ref.null)}: any null reference; {@code (ref.null ht)}: a null of that heap type. */
    record RefNull(Optional<HeapType> type) implements Expected {}

    /**
     * A non-null reference of the given abstract heap type: {@code (ref.func)},
     * {@code (ref.extern)}, {@code (ref.exn)}, {@code (ref.eq)}, {@code (ref.i31)},
     * {@code (ref.struct)}, {@code (ref.array)}, and {@code (ref)} for any.
     */
    record RefOf(AbsHeapType type) implements Expected {}

    /** {@code (ref.extern N)}: the external reference the script passed in as {@code N}. */
    record RefExtern(long id) implements Expected {}

    /** {@code (ref.host N)}: the spec interpreter's host reference (GC tests). */
    record RefHost(long id) implements Expected {}

    /** {@code (either r1 r2 ...)}: any one of the alternatives (relaxed SIMD, threads). */
    record Either(List<Expected> alternatives) implements Expected {
        public Either {
            alternatives = List.copyOf(alternatives);
        }
    }
}

package flint.harness.spec;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.NumType;
import flint.wasm.text.Expected;
import flint.wasm.text.Expected.NanKind;
import flint.wasm.text.VectorShape;
import flint.wasm.value.Value;

import java.util.List;

/** Matches actual results against an {@code assert_return}'s expectations, with the spec's NaN rules. */
public final class ResultMatcher {
    private ResultMatcher() {}

    /** Null when all match, else a description of the first mismatch. */
    static String mismatch(List<Expected> expected, List<Value> actual) {
        if (expected.size() != actual.size()) {
            return "expected " + expected.size() + " results " + expected + ", got " + actual.size() + " " + actual;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!matches(expected.get(i), actual.get(i))) {
                return "result " + i + ": expected " + describe(expected.get(i)) + ", got " + actual.get(i);
            }
        }
        return null;
    }

    static boolean matches(Expected e, Value v) {
        return switch (e) {
            case Expected.Exact(Value want) -> exact(want, v);
            case Expected.Nan(NumType type, NanKind kind) -> switch (v) {
                case Value.F32(int bits) when type == NumType.F32 -> nan32(bits, kind);
                case Value.F64(long bits) when type == NumType.F64 -> nan64(bits, kind);
                default -> false;
            };
            case Expected.VectorPattern(VectorShape shape, List<Expected.Lane> lanes) ->
                    v instanceof Value.V128 vec && vectorMatches(shape, lanes, vec);
            case Expected.RefNull n -> isNullRef(v);
            case Expected.RefOf(AbsHeapType type) -> !isNullRef(v) && refOfType(type, v);
            case Expected.RefExtern(long id) -> v instanceof Value.ExternRef(Object h) && h != null && externId(h) == id;
            case Expected.RefHost h -> false;
            case Expected.Either(List<Expected> alternatives) -> alternatives.stream().anyMatch(a -> matches(a, v));
        };
    }

    private static long externId(Object handle) {
        return handle instanceof Number n ? n.longValue() : Long.MIN_VALUE;
    }

    private static boolean exact(Value want, Value got) {
        return switch (want) {
            case Value.FuncRef w -> got instanceof Value.FuncRef g && w.isNull() == g.isNull();
            case Value.ExternRef(Object h) -> got instanceof Value.ExternRef(Object g)
                    && (h == null ? g == null : g != null && externId(h) == externId(g));
            case Value.ExnRef w -> got instanceof Value.ExnRef g && w.isNull() == g.isNull();
            default -> want.equals(got);
        };
    }

    private static boolean isNullRef(Value v) {
        return switch (v) {
            case Value.FuncRef f -> f.isNull();
            case Value.ExternRef x -> x.isNull();
            case Value.ExnRef x -> x.isNull();
            default -> false;
        };
    }

    private static boolean refOfType(AbsHeapType type, Value v) {
        return switch (type) {
            case FUNC -> v instanceof Value.FuncRef;
            case EXTERN -> v instanceof Value.ExternRef;
            case EXN -> v instanceof Value.ExnRef;
            default -> true; // (ref) / GC hierarchies: any non-null reference
        };
    }

    /** Whether {@code bits} is an f32 NaN of {@code kind} (sign ignored); also the differential oracle's NaN rule. */
    public static boolean nan32(int bits, NanKind kind) {
        int magnitude = bits & 0x7FFF_FFFF;
        return switch (kind) {
            case CANONICAL -> magnitude == 0x7FC0_0000;
            case ARITHMETIC -> (magnitude & 0x7FC0_0000) == 0x7FC0_0000;
        };
    }

    /** Whether {@code bits} is an f64 NaN of {@code kind} (sign ignored). */
    public static boolean nan64(long bits, NanKind kind) {
        long magnitude = bits & 0x7FFF_FFFF_FFFF_FFFFL;
        return switch (kind) {
            case CANONICAL -> magnitude == 0x7FF8_0000_0000_0000L;
            case ARITHMETIC -> (magnitude & 0x7FF8_0000_0000_0000L) == 0x7FF8_0000_0000_0000L;
        };
    }

    private static boolean vectorMatches(VectorShape shape, List<Expected.Lane> lanes, Value.V128 vec) {
        int laneBits = shape.laneBytes() * 8;
        for (int i = 0; i < lanes.size(); i++) {
            long actual = lane(vec, i, laneBits);
            boolean ok = switch (lanes.get(i)) {
                case Expected.Lane.Bits(long bits) -> actual == (laneBits == 64 ? bits : bits & ((1L << laneBits) - 1));
                case Expected.Lane.NanLane(NanKind kind) -> laneBits == 32 ? nan32((int) actual, kind) : nan64(actual, kind);
            };
            if (!ok) return false;
        }
        return true;
    }

    private static long lane(Value.V128 vec, int index, int laneBits) {
        int bitOffset = index * laneBits;
        long word = bitOffset < 64 ? vec.low() : vec.high();
        long shifted = word >>> (bitOffset % 64);
        return laneBits == 64 ? shifted : shifted & ((1L << laneBits) - 1);
    }

    private static String describe(Expected e) {
        return switch (e) {
            case Expected.Exact(Value v) -> v.toString();
            case Expected.Nan(NumType t, NanKind k) -> t.text() + ":" + k.text();
            default -> e.toString();
        };
    }
}

package flint.harness.diff;

import flint.harness.spec.ResultMatcher;
import flint.wasm.text.Expected.NanKind;
import flint.wasm.value.Value;

/** Value comparison with the spec's NaN rules. */
final class Values {
    private Values() {}

    /** How two values of one step compare. */
    enum Match {
        EQUAL,
        /** Both are NaNs the spec lets an engine choose freely (arithmetic NaNs), with different bits. */
        NAN_PAYLOAD,
        DIFFERENT
    }

    /**
     * Compares bit for bit; references by nullness only (their handles are engine objects). Unless
     * {@code exactNaNs} (modules whose generator canonicalizes NaNs), two arithmetic NaNs with
     * different payloads or signs are {@link Match#NAN_PAYLOAD}: the spec lets an operation return any
     * arithmetic NaN, and only a canonical input set forces the canonical one, which the oracle
     * cannot see from the result. A signalling NaN is never freely chosen, so it must match exactly.
     */
    static Match compare(Value a, Value b, boolean exactNaNs) {
        if (a.getClass() != b.getClass()) return Match.DIFFERENT;
        return switch (a) {
            case Value.F32(int x) -> {
                int y = ((Value.F32) b).bits();
                if (x == y) yield Match.EQUAL;
                yield !exactNaNs && ResultMatcher.nan32(x, NanKind.ARITHMETIC) && ResultMatcher.nan32(y, NanKind.ARITHMETIC)
                        ? Match.NAN_PAYLOAD : Match.DIFFERENT;
            }
            case Value.F64(long x) -> {
                long y = ((Value.F64) b).bits();
                if (x == y) yield Match.EQUAL;
                yield !exactNaNs && ResultMatcher.nan64(x, NanKind.ARITHMETIC) && ResultMatcher.nan64(y, NanKind.ARITHMETIC)
                        ? Match.NAN_PAYLOAD : Match.DIFFERENT;
            }
            case Value.FuncRef f -> f.isNull() == ((Value.FuncRef) b).isNull() ? Match.EQUAL : Match.DIFFERENT;
            case Value.ExternRef x -> x.isNull() == ((Value.ExternRef) b).isNull() ? Match.EQUAL : Match.DIFFERENT;
            case Value.ExnRef x -> x.isNull() == ((Value.ExnRef) b).isNull() ? Match.EQUAL : Match.DIFFERENT;
            default -> a.equals(b) ? Match.EQUAL : Match.DIFFERENT;
        };
    }

    static boolean isNullRef(Value v) {
        return switch (v) {
            case Value.FuncRef f -> f.isNull();
            case Value.ExternRef x -> x.isNull();
            case Value.ExnRef x -> x.isNull();
            default -> false;
        };
    }

    /** A float with its quiet bit set (a signalling NaN made arithmetic); any other value as it is. */
    static Value quieted(Value v) {
        return switch (v) {
            case Value.F32(int bits) when Float.isNaN(Float.intBitsToFloat(bits)) -> new Value.F32(bits | 0x40_0000);
            case Value.F64(long bits) when Double.isNaN(Double.longBitsToDouble(bits)) -> new Value.F64(bits | 0x8_0000_0000_0000L);
            default -> v;
        };
    }
}

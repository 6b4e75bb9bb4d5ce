package flint.harness.gen;

import flint.wasm.model.FuncType;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Constants and arguments biased towards the values where implementations differ: 0, ±1, the
 * extremes of each width (8, 16, 32 and 64 bits, signed and unsigned), powers of two and their
 * neighbours, and for floats ±0, ±inf, NaNs with various payloads and signs, subnormals, the
 * largest and smallest normals, and integers at the edge of exact conversion. Uniformly random bits
 * fill the rest.
 *
 * <p>The oracle calls exports with {@link #arguments(FuncType)}: the same bias as the constants.
 */
public final class InterestingValues {
    private final Entropy entropy;

    public InterestingValues(Entropy entropy) {
        this.entropy = entropy;
    }

    private static final long[] INT_EDGES = {
        0, 1, -1, 2, -2, 0x7F, 0x80, -0x80, -0x81, 0xFF, 0x100, 0x7FFF, 0x8000, -0x8000, 0xFFFF, 0x10000,
        0x7FFF_FFFFL, 0x8000_0000L, -0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L,
        Long.MAX_VALUE, Long.MIN_VALUE, 31, 32, 33, 63, 64, 65, 0x5555_5555_5555_5555L, 0xAAAA_AAAA_AAAA_AAAAL,
    };

    private static final int[] F32_EDGES = {
        0x0000_0000, 0x8000_0000, 0x3F80_0000, 0xBF80_0000, 0x7F80_0000, 0xFF80_0000,
        0x7FC0_0000, 0xFFC0_0000, 0x7FA0_0000, 0x7F80_0001, 0xFF80_0001, 0x7FFF_FFFF, 0x7FC0_0001,
        0x0000_0001, 0x8000_0001, 0x007F_FFFF, 0x0080_0000, 0x7F7F_FFFF, 0xFF7F_FFFF,
        0x3F00_0000, 0xBF00_0000, 0x3FC0_0000, 0x4F00_0000, 0xCF00_0000, 0x4F80_0000, 0x5F00_0000,
        0xDF00_0000, 0x5F80_0000, 0x4B00_0000, 0x4B80_0000, 0x3EFF_FFFF, 0x3F7F_FFFF,
    };

    private static final long[] F64_EDGES = {
        0L, 0x8000_0000_0000_0000L, 0x3FF0_0000_0000_0000L, 0xBFF0_0000_0000_0000L,
        0x7FF0_0000_0000_0000L, 0xFFF0_0000_0000_0000L, 0x7FF8_0000_0000_0000L, 0xFFF8_0000_0000_0000L,
        0x7FF4_0000_0000_0000L, 0x7FF0_0000_0000_0001L, 0xFFF0_0000_0000_0001L, 0x7FFF_FFFF_FFFF_FFFFL,
        0x7FF8_0000_0000_0001L, 1L, 0x8000_0000_0000_0001L, 0x000F_FFFF_FFFF_FFFFL, 0x0010_0000_0000_0000L,
        0x7FEF_FFFF_FFFF_FFFFL, 0xFFEF_FFFF_FFFF_FFFFL, 0x3FE0_0000_0000_0000L, 0xBFE0_0000_0000_0000L,
        0x3FF8_0000_0000_0000L, 0x41E0_0000_0000_0000L, 0xC1E0_0000_0000_0000L, 0x41DF_FFFF_FFC0_0000L,
        0x41F0_0000_0000_0000L, 0x43E0_0000_0000_0000L, 0xC3E0_0000_0000_0000L, 0x43F0_0000_0000_0000L,
        0x4330_0000_0000_0000L, 0x4340_0000_0000_0000L, 0xC1E0_0000_0020_0000L, 0x3FDF_FFFF_FFFF_FFFFL,
    };

    /** A 64-bit integer: an edge, a power of two ± 1, a small number, or random bits. */
    public long int64() {
        return switch (entropy.nextInt(8)) {
            case 0, 1, 2 -> INT_EDGES[entropy.nextInt(INT_EDGES.length)];
            case 3 -> (1L << entropy.nextInt(64)) + entropy.between(-1, 1);
            case 4 -> entropy.between(-16, 16);
            case 5 -> entropy.between(0, 0xFFFF);
            default -> entropy.nextLong();
        };
    }

    public int int32() {
        return switch (entropy.nextInt(8)) {
            case 0, 1, 2 -> (int) INT_EDGES[entropy.nextInt(INT_EDGES.length)];
            case 3 -> (1 << entropy.nextInt(32)) + entropy.between(-1, 1);
            case 4 -> entropy.between(-16, 16);
            case 5 -> entropy.between(0, 0xFFFF);
            default -> entropy.nextIntBits();
        };
    }

    /** f32 bits: edges (NaNs with payloads, ±0, ±inf, subnormals, conversion limits), integers, or random bits. */
    public int f32Bits() {
        return switch (entropy.nextInt(8)) {
            case 0, 1, 2 -> F32_EDGES[entropy.nextInt(F32_EDGES.length)];
            case 3 -> Float.floatToRawIntBits((float) entropy.between(-1000, 1000));
            case 4 -> Float.floatToRawIntBits((float) int64() / (1 << entropy.nextInt(24)));
            case 5 -> (entropy.nextBoolean() ? 0x7F80_0000 : 0xFF80_0000) | (entropy.nextIntBits() & 0x7F_FFFF) | 1; // NaN
            default -> entropy.nextIntBits();
        };
    }

    public long f64Bits() {
        return switch (entropy.nextInt(8)) {
            case 0, 1, 2 -> F64_EDGES[entropy.nextInt(F64_EDGES.length)];
            case 3 -> Double.doubleToRawLongBits(entropy.between(-1000, 1000));
            case 4 -> Double.doubleToRawLongBits((double) int64() / (1L << entropy.nextInt(53)));
            case 5 -> (entropy.nextBoolean() ? 0x7FF0_0000_0000_0000L : 0xFFF0_0000_0000_0000L)
                    | (entropy.nextLong() & 0x000F_FFFF_FFFF_FFFFL) | 1;
            default -> entropy.nextLong();
        };
    }

    /** 128 bits as two halves: lanes of one shape filled with edges of that lane width, or random. */
    public long[] v128() {
        long lo, hi;
        switch (entropy.nextInt(5)) {
            case 0 -> { lo = laneFill(int32()); hi = laneFill(int32()); }
            case 1 -> { lo = (f32Bits() & 0xFFFF_FFFFL) | (long) f32Bits() << 32; hi = (f32Bits() & 0xFFFF_FFFFL) | (long) f32Bits() << 32; }
            case 2 -> { lo = f64Bits(); hi = f64Bits(); }
            case 3 -> { lo = int64(); hi = int64(); }
            default -> { lo = entropy.nextLong(); hi = entropy.nextLong(); }
        }
        return new long[] {lo, hi};
    }

    private long laneFill(int v) {
        return switch (entropy.nextInt(3)) {
            case 0 -> (v & 0xFFL) * 0x0101_0101_0101_0101L;
            case 1 -> (v & 0xFFFFL) * 0x0001_0001_0001_0001L;
            default -> (v & 0xFFFF_FFFFL) * 0x0000_0001_0000_0001L;
        };
    }

    /** An edge-biased value of {@code type}; references are null (the harness cannot make others portably). */
    public Value value(ValType type) {
        return switch (type) {
            case NumType n -> switch (n) {
                case I32 -> new Value.I32(int32());
                case I64 -> new Value.I64(int64());
                case F32 -> new Value.F32(f32Bits());
                case F64 -> new Value.F64(f64Bits());
            };
            case VecType v -> {
                var bits = v128();
                yield new Value.V128(bits[0], bits[1]);
            }
            case RefType r -> Value.zero(r);
        };
    }

    /** Arguments for calling a function of this type. */
    public List<Value> arguments(FuncType type) {
        var args = new ArrayList<Value>(type.params().size());
        for (var p : type.params()) args.add(value(p));
        return args;
    }
}

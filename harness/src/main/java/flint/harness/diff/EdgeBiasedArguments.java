package flint.harness.diff;

import flint.wasm.model.FuncType;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Arguments biased towards the values where implementations go wrong: 0, ±1, each width's
 * minimum and maximum, powers of two and their neighbours, and for floats ±0, ±infinity, the
 * smallest and largest subnormals and normals, and NaNs of both kinds with payloads. A quarter of
 * the values are uniformly random bits so that ordinary values are covered too.
 */
public final class EdgeBiasedArguments implements ArgumentSource {

    private static final int[] I32_EDGES = {0, 1, -1, 2, Integer.MIN_VALUE, Integer.MAX_VALUE,
            Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1, 0xFF, 0x80, 0x7F, 0xFFFF, 0x8000, 0x7FFF, 31, 32, 63, 64};
    private static final long[] I64_EDGES = {0, 1, -1, 2, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
            Long.MAX_VALUE - 1, 0xFFFF_FFFFL, 0x8000_0000L, 0x7FFF_FFFFL, -0x8000_0000L, 0x1_0000_0000L, 63, 64};
    private static final int[] F32_EDGES = {0, 0x8000_0000, 0x3F80_0000, 0xBF80_0000, 0x7F80_0000, 0xFF80_0000,
            0x7FC0_0000, 0xFFC0_0000, 0x7FA0_0000, 0x7F80_0001, 0x7FFF_FFFF, 0x0000_0001, 0x807F_FFFF, 0x0080_0000,
            0x7F7F_FFFF, 0xFF7F_FFFF, 0x4F00_0000, 0xCF00_0000, 0x5F00_0000, 0x3F00_0000};
    private static final long[] F64_EDGES = {0, 0x8000_0000_0000_0000L, 0x3FF0_0000_0000_0000L, 0xBFF0_0000_0000_0000L,
            0x7FF0_0000_0000_0000L, 0xFFF0_0000_0000_0000L, 0x7FF8_0000_0000_0000L, 0xFFF8_0000_0000_0000L,
            0x7FF4_0000_0000_0000L, 0x7FF0_0000_0000_0001L, 0x7FFF_FFFF_FFFF_FFFFL, 1L, 0x800F_FFFF_FFFF_FFFFL,
            0x0010_0000_0000_0000L, 0x7FEF_FFFF_FFFF_FFFFL, 0x41E0_0000_0000_0000L, 0xC1E0_0000_0000_0000L,
            0x43E0_0000_0000_0000L, 0xC3E0_0000_0000_0000L, 0x3FE0_0000_0000_0000L};

    @Override public List<Value> arguments(FuncType type, RandomGenerator random) {
        var args = new ArrayList<Value>(type.params().size());
        for (ValType param : type.params()) args.add(value(param, random));
        return args;
    }

    /** One edge-biased value of {@code type}. */
    public static Value value(ValType type, RandomGenerator random) {
        return switch (type) {
            case NumType n -> switch (n) {
                case I32 -> new Value.I32(i32(random));
                case I64 -> new Value.I64(i64(random));
                case F32 -> new Value.F32(pick(random) ? F32_EDGES[random.nextInt(F32_EDGES.length)]
                        : random.nextBoolean() ? Float.floatToRawIntBits((float) (random.nextGaussian() * 1000)) : random.nextInt());
                case F64 -> new Value.F64(pick(random) ? F64_EDGES[random.nextInt(F64_EDGES.length)]
                        : random.nextBoolean() ? Double.doubleToRawLongBits(random.nextGaussian() * 1000) : random.nextLong());
            };
            case VecType v -> new Value.V128(i64(random), i64(random));
            case RefType r -> Value.zero(r); // null: the harness cannot make engine-neutral non-null references
        };
    }

    private static boolean pick(RandomGenerator random) {
        return random.nextInt(4) != 0;
    }

    private static int i32(RandomGenerator random) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> I32_EDGES[random.nextInt(I32_EDGES.length)];
            case 3, 4 -> {
                int power = 1 << random.nextInt(32);
                yield power + random.nextInt(3) - 1; // 2^k - 1, 2^k, 2^k + 1
            }
            case 5 -> random.nextInt(-16, 17); // small values: loop counts, indices
            default -> random.nextInt();
        };
    }

    private static long i64(RandomGenerator random) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> I64_EDGES[random.nextInt(I64_EDGES.length)];
            case 3, 4 -> (1L << random.nextInt(64)) + random.nextInt(3) - 1;
            case 5 -> random.nextLong(-16, 17);
            default -> random.nextLong();
        };
    }
}

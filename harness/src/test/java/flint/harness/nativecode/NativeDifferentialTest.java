package flint.harness.nativecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import flint.harness.engine.Engine;
import flint.harness.engine.Instance;
import flint.harness.engine.Trap;
import flint.harness.engine.chicory.ChicoryEngine;
import flint.harness.engine.flint.FlintEngine;
import flint.compiler.NativeCompiler;
import flint.wasm.text.WatParser;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test of the native compiler against Chicory's interpreter: random integer modules,
 * and random modules with floats too ({@link RandomNumericModules}), every exported function called with random arguments on both,
 * results, trap kinds and the whole linear memory compared after every call.
 *
 * <p>{@code -Dflint.differential.seeds=N} runs more modules (default 150);
 * {@code -Dflint.differential.seed=S} reruns one.
 */
class NativeDifferentialTest {
    private static final long SEEDS = Long.getLong("flint.differential.seeds", 150);
    private static final Long ONE_SEED = Long.getLong("flint.differential.seed");

    @TestFactory
    Stream<DynamicTest> randomModulesAgreeWithTheInterpreter() {
        var seeds = ONE_SEED != null ? LongStream.of(ONE_SEED) : LongStream.range(0, SEEDS);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> check(seed, false)));
    }

    @TestFactory
    Stream<DynamicTest> randomFloatModulesAgreeWithTheInterpreter() {
        var seeds = ONE_SEED != null ? LongStream.of(ONE_SEED) : LongStream.range(0, SEEDS);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> check(seed, true)));
    }

    private static void check(long seed, boolean floats) {
        var generator = new RandomNumericModules(seed, floats);
        String wat = generator.module(6);
        byte[] bytes;
        try {
            bytes = WatParser.toBinary(wat, "random-" + seed + ".wat");
        } catch (RuntimeException e) {
            throw new AssertionError("the generator made an invalid module (seed " + seed + "): " + e.getMessage() + "\n" + wat, e);
        }
        Engine reference = new ChicoryEngine();
        Engine flint = new FlintEngine(NativeCompiler::compile);
        Instance expected;
        try {
            expected = reference.instantiate(bytes);
        } catch (flint.harness.engine.ModuleException e) {
            throw new AssertionError("the generator made an invalid module (seed " + seed + "): " + e.getMessage() + "\n" + wat, e);
        }
        Instance actual = flint.instantiate(bytes);
        var random = new Random(seed * 31 + 7);
        for (var f : generator.functions()) {
            for (int call = 0; call < 3; call++) {
                var args = new ArrayList<Value>();
                for (var p : f.params()) args.add(argument(p, random));
                String what = f.name() + args + " (seed " + seed + ")";
                var want = outcome(expected, f.name(), args);
                var got = outcome(actual, f.name(), args);
                if (!want.equals(got)) {
                    fail(what + ": expected " + want + ", native " + got + "\n" + wat);
                }
                byte[] wantMemory = expected.defaultMemory().orElseThrow().readAll();
                byte[] gotMemory = actual.defaultMemory().orElseThrow().readAll();
                if (!Arrays.equals(wantMemory, gotMemory)) {
                    int at = Arrays.mismatch(wantMemory, gotMemory);
                    fail(what + ": memories differ" + (at >= 0 && at < Math.min(wantMemory.length, gotMemory.length)
                            ? " at " + at : " in size " + wantMemory.length + " vs " + gotMemory.length) + "\n" + wat);
                }
            }
        }
        assertEquals(expected.defaultMemory().orElseThrow().pages(), actual.defaultMemory().orElseThrow().pages());
    }

    private static Value argument(String type, Random random) {
        long v = switch (random.nextInt(3)) {
            case 0 -> random.nextInt(8) - 2;
            case 1 -> random.nextInt();
            default -> random.nextLong();
        };
        return switch (type) {
            case "i32" -> Value.i32((int) v);
            case "i64" -> Value.i64(v);
            // small integers, and random bits with signalling NaNs made quiet (see RandomNumericModules)
            case "f32" -> new Value.F32(random.nextBoolean() ? Float.floatToRawIntBits((float) (v % 1000) / 4)
                    : Float.isNaN(Float.intBitsToFloat((int) v)) ? (int) v | 0x0040_0000 : (int) v);
            default -> new Value.F64(random.nextBoolean() ? Double.doubleToRawLongBits((double) (v % 100_000) / 8)
                    : Double.isNaN(Double.longBitsToDouble(v)) ? v | 0x0008_0000_0000_0000L : v);
        };
    }

    /** Any NaN result as one value: the spec lets engines choose a NaN's sign and payload. */
    private static Value nanAware(Value v) {
        return switch (v) {
            case Value.F32 f when Float.isNaN(Float.intBitsToFloat(f.bits())) -> new Value.F32(0x7FC0_0000);
            case Value.F64 d when Double.isNaN(Double.longBitsToDouble(d.bits())) -> new Value.F64(0x7FF8_0000_0000_0000L);
            default -> v;
        };
    }

    /** The longest a call may run before the watchdog interrupts it (a generator bug, not a result). */
    private static final long CALL_SECONDS = 20;
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().unstarted(r));

    private static String outcome(Instance instance, String name, List<Value> args) {
        var alarm = WATCHDOG.schedule(instance::interrupt, CALL_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        try {
            return instance.call(name, args).stream().map(NativeDifferentialTest::nanAware).toList().toString();
        } catch (Trap t) {
            if (t.kind() == flint.harness.engine.TrapKind.INTERRUPTED) {
                throw new AssertionError(name + " ran longer than " + CALL_SECONDS + " s on " + instance.engine().name());
            }
            return "trap " + t.kind();
        } finally {
            alarm.cancel(false);
        }
    }
}

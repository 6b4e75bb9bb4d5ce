package flint.harness.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import flint.wasm.model.ExternKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.GlobalType;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Engine} must do, run once per engine by a subclass. The modules are in
 * {@code src/test/resources/engine}, each .wasm next to the .wat it was made from.
 */
public abstract class EngineContractTest {

    /** A fresh engine object. */
    protected abstract Engine engine();

    /** Whether the engine accepts v128 values at its boundary; engines without SIMD test their refusal themselves. */
    protected boolean supportsV128() {
        return true;
    }

    /** Whether the engine runs exception handling (3.0 tags and throw); engines without it test their refusal themselves. */
    protected boolean supportsExceptionHandling() {
        return true;
    }

    /** Whether {@code return_call} runs in constant stack, as the spec demands; a known bug otherwise. */
    protected boolean tailCallsRunInConstantStack() {
        return true;
    }

    private Instance instantiate(String module) {
        return engine().instantiate(TestModules.load(module));
    }

    private static Value i32(int v) { return Value.i32(v); }
    private static Value i64(long v) { return Value.i64(v); }
    private static Value f32bits(int bits) { return new Value.F32(bits); }
    private static Value f64bits(long bits) { return new Value.F64(bits); }

    @Nested class Values {
        private final Instance values = instantiate("values");

        @ParameterizedTest
        @ValueSource(ints = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE})
        void i32RoundTrips(int v) {
            assertEquals(List.of(i32(v)), values.call("id_i32", i32(v)));
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x1234_5678_9ABC_DEF0L})
        void i64RoundTrips(long v) {
            assertEquals(List.of(i64(v)), values.call("id_i64", i64(v)));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 0x8000_0000, 0x3FC0_0000, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0x7FA0_0001, 0xFFC1_2345, 1})
        void f32BitsRoundTripIncludingNanPayloads(int bits) {
            assertEquals(List.of(f32bits(bits)), values.call("id_f32", f32bits(bits)));
        }

        @ParameterizedTest
        @ValueSource(longs = {0, 0x8000_0000_0000_0000L, 0x7FF0_0000_0000_0000L, 0x7FF8_0000_0000_0000L,
                0x7FF4_0000_0000_0001L, 0xFFF8_0000_0000_0ABCL, 1})
        void f64BitsRoundTripIncludingNanPayloads(long bits) {
            assertEquals(List.of(f64bits(bits)), values.call("id_f64", f64bits(bits)));
        }

        @Test void arithmetic() {
            assertEquals(List.of(i32(Integer.MIN_VALUE)), values.call("add_i32", i32(Integer.MAX_VALUE), i32(1)));
            assertEquals(List.of(i64(0)), values.call("add_i64", i64(-1), i64(1)));
            assertEquals(List.of(Value.f32(7.5f)), values.call("mul_f32", Value.f32(2.5f), Value.f32(3f)));
            assertEquals(List.of(Value.f64(Double.NEGATIVE_INFINITY)), values.call("div_f64", Value.f64(-1), Value.f64(0)));
        }

        @Test void multiValueResults() {
            assertEquals(List.of(Value.f64(4.25), i32(1), i64(-2), Value.f32(3.5f)),
                    values.call("rotate", i32(1), i64(-2), Value.f32(3.5f), Value.f64(4.25)));
        }

        @Test void noResults() {
            assertEquals(List.of(), values.call("nothing"));
        }

        @Test void externrefsRoundTripByEquality() {
            var handle = new Object();
            assertEquals(List.of(new Value.ExternRef(handle)), values.call("id_externref", new Value.ExternRef(handle)));
            assertEquals(List.of(new Value.ExternRef(7)), values.call("id_externref", new Value.ExternRef(7)));
            assertEquals(List.of(Value.ExternRef.NULL), values.call("id_externref", Value.ExternRef.NULL));
            assertEquals(List.of(i32(1)), values.call("is_null_externref", Value.ExternRef.NULL));
            assertEquals(List.of(i32(0)), values.call("is_null_externref", new Value.ExternRef(0)));
        }

        @Test void funcrefsComeOutAndGoBackIn() {
            var ref = values.call("ref_answer").getFirst();
            var funcref = assertInstanceOf(Value.FuncRef.class, ref);
            assertFalse(funcref.isNull());
            assertEquals(List.of(ref), values.call("id_funcref", ref));
            assertEquals(List.of(Value.FuncRef.NULL), values.call("null_funcref"));
            assertEquals(List.of(Value.FuncRef.NULL), values.call("id_funcref", Value.FuncRef.NULL));
        }

        @Test void exportsListKindsAndSignatures() {
            var rotate = values.export("rotate").orElseThrow();
            assertEquals(ExternKind.FUNC, rotate.kind());
            assertEquals(new ExternType.Func(new FuncType(
                            List.of(NumType.I32, NumType.I64, NumType.F32, NumType.F64),
                            List.of(NumType.F64, NumType.I32, NumType.I64, NumType.F32))),
                    rotate.type());
            assertEquals(new FuncType(List.of(RefType.FUNCREF), List.of(RefType.FUNCREF)), values.functionType("id_funcref"));
            assertEquals(new FuncType(List.of(RefType.EXTERNREF), List.of(RefType.EXTERNREF)), values.functionType("id_externref"));
            assertEquals("id_i32", values.exports().getFirst().name(), "export order is kept");
            assertTrue(values.defaultMemory().isEmpty());
        }

        @Test void v128RoundTrips() {
            assumeTrue(supportsV128());
            var v128 = instantiate("v128");
            var value = new Value.V128(0x0123_4567_89AB_CDEFL, 0xFEDC_BA98_7654_3210L);
            assertEquals(List.of(value), v128.call("id_v128", value));
            // i32x4 1 2 3 4: lane 0 is the lowest 32 bits
            assertEquals(new Value.V128(0x0000_0002_0000_0001L, 0x0000_0004_0000_0003L), v128.global("gv"));
        }

        @Test void callerMistakesAreIllegalArguments() {
            assertThrows(IllegalArgumentException.class, () -> values.call("no_such_export"));
            assertThrows(IllegalArgumentException.class, () -> values.call("add_i32", i32(1)));
            assertThrows(IllegalArgumentException.class, () -> values.call("add_i32", i32(1), i64(2)));
            assertThrows(IllegalArgumentException.class, () -> values.call("id_funcref", new Value.ExternRef(1)));
        }

        @Test void funcrefsDoNotCrossInstances() {
            var other = instantiate("values");
            var ref = values.call("ref_answer").getFirst();
            assertThrows(IllegalArgumentException.class, () -> other.call("id_funcref", ref));
        }
    }

    @Nested class Traps {
        private final Instance traps = instantiate("traps");

        private Trap trap(String export, Value... args) {
            return assertThrows(Trap.class, () -> traps.call(export, args));
        }

        private void assertTrap(TrapKind kind, String export, Value... args) {
            var trap = trap(export, args);
            assertEquals(kind, trap.kind(), () -> "trap detail: " + trap.detail());
            assertEquals(kind.message(), trap.getMessage());
            assertNotNull(trap.detail());
        }

        @Test void unreachable() {
            assertTrap(TrapKind.UNREACHABLE, "unreachable");
        }

        @Test void integerDivideByZero() {
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, "div_by_zero", i32(1), i32(0));
            assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, "rem_by_zero_i64", i64(1), i64(0));
            assertEquals(List.of(i32(-3)), traps.call("div_by_zero", i32(7), i32(-2)), "no trap otherwise");
        }

        @Test void integerOverflow() {
            assertTrap(TrapKind.INTEGER_OVERFLOW, "div_overflow");
            assertTrap(TrapKind.INTEGER_OVERFLOW, "trunc_overflow", Value.f64(1.8446744073709552E19));
            assertTrap(TrapKind.INTEGER_OVERFLOW, "trunc_overflow", Value.f64(-1.0));
        }

        @Test void invalidConversion() {
            assertTrap(TrapKind.INVALID_CONVERSION, "trunc_nan", f32bits(0x7FC0_0000));
            assertTrap(TrapKind.INVALID_CONVERSION, "trunc_overflow", f64bits(0xFFF8_0000_0000_0000L));
        }

        @Test void outOfBoundsMemory() {
            assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, "load", i32(65533));
            assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, "load", i32(-1));
            assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, "store", i32(65536), i32(1));
            assertEquals(List.of(i32(0)), traps.call("load", i32(65532)), "the last word is in bounds");
        }

        @Test void outOfBoundsTable() {
            assertTrap(TrapKind.OUT_OF_BOUNDS_TABLE, "table_get", i32(4));
        }

        @Test void callIndirectFailures() {
            assertEquals(List.of(i32(7)), traps.call("call_indirect_v_i", i32(0)));
            assertTrap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, "call_indirect_v_i", i32(1));
            assertTrap(TrapKind.UNINITIALIZED_ELEMENT, "call_indirect_v_i", i32(2));
            assertTrap(TrapKind.UNDEFINED_ELEMENT, "call_indirect_v_i", i32(4));
            assertTrap(TrapKind.UNDEFINED_ELEMENT, "call_indirect_v_i", i32(-1));
        }

        @Test void callStackExhausted() {
            assertTrap(TrapKind.CALL_STACK_EXHAUSTED, "recurse", i32(0));
            // the instance stays usable after unwinding a deep stack
            assertEquals(List.of(i32(7)), traps.call("call_indirect_v_i", i32(0)));
        }
    }

    @Nested class HostFunctions {
        private static final FuncType ADD = new FuncType(List.of(NumType.I32, NumType.I32), List.of(NumType.I32));
        private static final FuncType MIX = new FuncType(
                List.of(NumType.I64, NumType.F32, NumType.F64, RefType.EXTERNREF), List.of(NumType.F64, RefType.EXTERNREF));
        private static final FuncType VOID = FuncType.EMPTY;

        private Imports imports(HostFunction.Body add, HostFunction.Body mix, HostFunction.Body fail) {
            return Imports.builder()
                    .function("env", "add", ADD, add)
                    .function("env", "mix", MIX, mix)
                    .function("env", "fail", VOID, fail)
                    .build();
        }

        private static final HostFunction.Body ADD_BODY = args -> List.of(Value.i32(
                ((Value.I32) args.get(0)).value() + ((Value.I32) args.get(1)).value()));
        private static final HostFunction.Body NONE = args -> List.of();

        @Test void argumentsAndResultsCrossTheBoundary() {
            var seen = new AtomicReference<List<Value>>();
            HostFunction.Body mix = args -> {
                seen.set(args);
                return List.of(new Value.F64(0x7FF4_0000_0000_0001L), args.get(3));
            };
            var instance = engine().instantiate(TestModules.load("host"), imports(ADD_BODY, mix, NONE));
            assertEquals(List.of(i32(5)), instance.call("call_add", i32(2), i32(3)));

            var handle = List.of("any", "java", "object");
            var args = List.of(i64(-5), f32bits(0x7FA0_0001), Value.f64(0.5), new Value.ExternRef(handle));
            assertEquals(List.of(new Value.F64(0x7FF4_0000_0000_0001L), new Value.ExternRef(handle)), instance.call("call_mix", args));
            assertEquals(args, seen.get(), "the host saw exactly what was passed, NaN payload included");
        }

        @Test void throwingHostFunctionIsHostError() {
            var instance = engine().instantiate(TestModules.load("host"), imports(ADD_BODY, NONE, args -> {
                throw new IllegalStateException("boom");
            }));
            var trap = assertThrows(Trap.class, () -> instance.call("call_fail"));
            assertEquals(TrapKind.HOST_ERROR, trap.kind());
            assertInstanceOf(IllegalStateException.class, trap.getCause());
            assertTrue(trap.detail().contains("env.fail"), trap.detail());
        }

        @Test void hostFunctionMayTrapWithAKind() {
            var instance = engine().instantiate(TestModules.load("host"), imports(ADD_BODY, NONE, args -> {
                throw new Trap(TrapKind.UNREACHABLE);
            }));
            assertEquals(TrapKind.UNREACHABLE, assertThrows(Trap.class, () -> instance.call("call_fail")).kind());
        }

        @Test void wrongResultsAreHostErrors() {
            var instance = engine().instantiate(TestModules.load("host"),
                    imports(args -> List.of(Value.i64(1)), NONE, args -> List.of(Value.i32(1))));
            assertEquals(TrapKind.HOST_ERROR, assertThrows(Trap.class, () -> instance.call("call_add", i32(1), i32(2))).kind());
            assertEquals(TrapKind.HOST_ERROR, assertThrows(Trap.class, () -> instance.call("call_fail")).kind());
        }

        @Test void missingImportIsUnknownImport() {
            var partial = Imports.builder().function("env", "add", ADD, ADD_BODY).build();
            var e = assertThrows(LinkException.class, () -> engine().instantiate(TestModules.load("host"), partial));
            assertEquals(LinkException.Kind.UNKNOWN_IMPORT, e.kind());
            assertEquals("unknown import", e.getMessage());
        }

        @Test void wrongSignatureIsIncompatibleImportType() {
            var wrong = imports(ADD_BODY, NONE, NONE).toBuilder()
                    .function("env", "add", new FuncType(List.of(NumType.I32), List.of(NumType.I32)), ADD_BODY)
                    .build();
            var e = assertThrows(LinkException.class, () -> engine().instantiate(TestModules.load("host"), wrong));
            assertEquals(LinkException.Kind.INCOMPATIBLE_IMPORT_TYPE, e.kind());
        }
    }

    @Nested class State {
        private final Instance state = instantiate("state");

        @Test void memoryIsReadable() {
            var memory = state.memory("mem");
            assertEquals(1, memory.pages());
            assertEquals(65536, memory.byteSize());
            assertArrayEquals("flint\0".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(memory.read(16, 7), 6));
            assertEquals((byte) 0xFF, memory.read(22, 1)[0]);
            assertEquals(65536, memory.readAll().length);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.read(65535, 2));
        }

        @Test void memoryViewsAreLive() {
            var memory = state.memory("mem");
            state.call("poke", i32(100), i32(0xAB));
            assertEquals((byte) 0xAB, memory.read(100, 1)[0]);
            assertEquals(List.of(i32(1)), state.call("grow", i32(2)));
            assertEquals(3, memory.pages());
            assertEquals(List.of(i32(-1)), state.call("grow", i32(1)), "the maximum is 3 pages");
            assertEquals(3, state.defaultMemory().orElseThrow().pages(), "the default memory is the same one");
        }

        @Test void globalsAreReadable() {
            assertEquals(i32(5), state.global("counter"));
            state.call("bump", i32(10));
            assertEquals(i32(15), state.global("counter"));
            assertEquals(i64(0xFEDC_BA98_7654_3210L), state.global("wide"));
            assertEquals(Value.f64(Math.PI), state.global("pi"));
            assertEquals(f32bits(0x7FA0_0001), state.global("nan_f32"), "NaN payload kept");
            assertEquals(Value.ExternRef.NULL, state.global("ext"));
            state.call("set_ext", new Value.ExternRef("hello"));
            assertEquals(new Value.ExternRef("hello"), state.global("ext"));
        }

        @Test void exportsDescribeGlobalsTablesAndMemories() {
            assertEquals(new ExternType.Global(new GlobalType(NumType.I32, true)), state.export("counter").orElseThrow().type());
            assertEquals(new ExternType.Global(new GlobalType(NumType.I64, false)), state.export("wide").orElseThrow().type());
            assertEquals(new ExternType.Table(RefType.EXTERNREF), state.export("externs").orElseThrow().type());
            assertEquals(ExternKind.MEMORY, state.export("mem").orElseThrow().kind());
        }

        @Test void tablesAreReadable() {
            var funcs = state.table("funcs");
            assertEquals(RefType.FUNCREF, funcs.elementType());
            assertEquals(3, funcs.size());
            assertEquals(Value.FuncRef.NULL, funcs.get(0));
            assertFalse(((Value.FuncRef) funcs.get(1)).isNull());
            assertThrows(IndexOutOfBoundsException.class, () -> funcs.get(3));

            var externs = state.table("externs");
            state.call("store_ext", i32(1), new Value.ExternRef(42));
            assertEquals(List.of(Value.ExternRef.NULL, new Value.ExternRef(42)), List.of(externs.get(0), externs.get(1)));
        }

        @Test void wrongKindOrNameIsIllegalArgument() {
            assertThrows(IllegalArgumentException.class, () -> state.global("mem"));
            assertThrows(IllegalArgumentException.class, () -> state.memory("counter"));
            assertThrows(IllegalArgumentException.class, () -> state.table("nope"));
            assertThrows(IllegalArgumentException.class, () -> state.call("counter"));
        }
    }

    @Nested class Linking {
        @Test void importsEveryKindFromARegisteredInstance() {
            var engine = engine();
            var state = engine.instantiate(TestModules.load("state"));
            var linked = engine.instantiate(TestModules.load("linked"), Imports.builder().register("state", state).build());

            state.call("poke", i32(200), i32(99));
            assertEquals(List.of(i32(99)), linked.call("peek", i32(200)), "shared memory");
            linked.call("set_counter", i32(77));
            assertEquals(i32(77), state.global("counter"), "shared global");
            assertEquals(List.of(i32(77)), linked.call("via_import"), "imported function");
            assertEquals(List.of(i32(77)), linked.call("via_table", i32(1)), "shared table");
            assertEquals(TrapKind.UNINITIALIZED_ELEMENT, assertThrows(Trap.class, () -> linked.call("via_table", i32(0))).kind());
            assertEquals(1, linked.defaultMemory().orElseThrow().pages(), "an imported memory is the default memory");
        }

        @Test void wrongKindIsIncompatibleImportType() {
            var engine = engine();
            var state = engine.instantiate(TestModules.load("state"));
            var imports = Imports.builder().register("state", state).export("state", "mem", state, "counter").build();
            var e = assertThrows(LinkException.class, () -> engine.instantiate(TestModules.load("linked"), imports));
            assertEquals(LinkException.Kind.INCOMPATIBLE_IMPORT_TYPE, e.kind());
        }

        @Test void instancesOfAnotherEngineObjectAreRejected() {
            var state = engine().instantiate(TestModules.load("state"));
            var imports = Imports.builder().register("state", state).build();
            assertThrows(IllegalArgumentException.class, () -> engine().instantiate(TestModules.load("linked"), imports));
        }
    }

    @Nested class Interruption {
        @ParameterizedTest
        @ValueSource(strings = {"spin_br", "spin_br_if", "spin_call"})
        void interruptStopsARunawayCall(String export) throws Exception {
            assumeTrue(!export.equals("spin_call") || tailCallsRunInConstantStack());
            var spin = instantiate("spin");
            var executor = Executors.newSingleThreadExecutor();
            try {
                var outcome = executor.submit(() -> spin.call(export));
                // interrupt until the call is seen to stop: the first interrupt may come before it starts
                ExecutionException stopped = null;
                for (int i = 0; i < 200 && stopped == null; i++) {
                    spin.interrupt();
                    try {
                        outcome.get(50, TimeUnit.MILLISECONDS);
                        fail("a call that spins forever returned");
                    } catch (TimeoutException stillRunning) {
                        // try again
                    } catch (ExecutionException e) {
                        stopped = e;
                    }
                }
                assertNotNull(stopped, "the call did not stop");
                var trap = assertInstanceOf(Trap.class, stopped.getCause());
                assertEquals(TrapKind.INTERRUPTED, trap.kind());
                // no interrupt is left pending on the worker thread
                assertEquals(List.of(i32(7)), executor.submit(() -> instantiate("traps").call("call_indirect_v_i", i32(0)))
                        .get(10, TimeUnit.SECONDS));
            } finally {
                executor.shutdownNow();
            }
        }

        @Test void interruptWithoutARunningCallDoesNothing() {
            var traps = instantiate("traps");
            traps.interrupt();
            assertEquals(List.of(i32(7)), traps.call("call_indirect_v_i", i32(0)));
            assertFalse(Thread.currentThread().isInterrupted());
        }
    }

    @Nested class WasmExceptions {
        @Test void uncaughtExceptionCarriesItsPayload() {
            assumeTrue(supportsExceptionHandling());
            var exn = instantiate("exn");
            assertEquals(new ExternType.Tag(new FuncType(List.of(NumType.I32, NumType.F64), List.of())),
                    exn.export("e").orElseThrow().type());
            var e = assertThrows(UncaughtWasmException.class, () -> exn.call("throw", i32(3)));
            assertEquals(List.of(i32(3), Value.f64(2.5)), e.payload());
        }
    }

    @Nested class Instantiation {
        @Test void outOfBoundsDataSegmentTraps() {
            var trap = assertThrows(Trap.class, () -> instantiate("data_oob"));
            assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap.kind());
        }

        @Test void trappingStartFunctionTraps() {
            var trap = assertThrows(Trap.class, () -> instantiate("start_trap"));
            assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap.kind());
        }

        @Test void anExportNamedUnderscoreStartIsNotRun() {
            assertEquals(i32(0), instantiate("underscore_start").global("ran"));
        }

        @Test void invalidModule() {
            var e = assertThrows(ModuleException.class, () -> instantiate("invalid"));
            assertEquals(ModuleException.Kind.INVALID, e.kind());
        }

        @Test void malformedModules() {
            for (byte[] bytes : List.of(new byte[0], "not wasm".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}, truncated(TestModules.load("values")))) {
                var e = assertThrows(ModuleException.class, () -> engine().instantiate(bytes), () -> Arrays.toString(bytes));
                assertEquals(ModuleException.Kind.MALFORMED, e.kind(), e.getMessage());
            }
        }

        private static byte[] truncated(byte[] module) {
            return Arrays.copyOf(module, module.length - 3);
        }
    }
}

package flint.harness.engine.microwasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import flint.harness.Engines;
import flint.harness.engine.EngineFailure;
import flint.harness.engine.ExternType;
import flint.harness.engine.HostFunction;
import flint.harness.engine.Imports;
import flint.harness.engine.Instance;
import flint.harness.engine.LinkException;
import flint.harness.engine.ModuleException;
import flint.harness.engine.TestModules;
import flint.harness.engine.Trap;
import flint.harness.engine.TrapKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.NumType;
import flint.wasm.text.WatParser;
import flint.wasm.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The microwasm engine through the engine interface: integer code runs, everything the native
 * compiler does not support yet is an {@link EngineFailure} (so the spec runner skips it), and the
 * module level (imports, exports, segments, start) works for every kind of entity.
 */
class MicrowasmEngineTest {
    private final MicrowasmEngine engine = new MicrowasmEngine();

    private Instance instantiate(String testModule) {
        return engine.instantiate(TestModules.load(testModule));
    }

    private Instance wat(String text, Imports imports) {
        return engine.instantiate(WatParser.toBinary(text, "test.wat"), imports);
    }

    private static Value i32(int v) { return Value.i32(v); }

    private static TrapKind trap(Runnable r) { return assertThrows(Trap.class, r::run).kind(); }

    @Test void isRegisteredUnderItsName() {
        assertInstanceOf(MicrowasmEngine.class, Engines.create("microwasm").orElseThrow());
    }

    @Nested class Traps {
        private final Instance traps = instantiate("traps");

        @Test void integerTrapsHaveTheirKinds() {
            assertEquals(TrapKind.UNREACHABLE, trap(() -> traps.call("unreachable")));
            assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap(() -> traps.call("div_by_zero", i32(1), i32(0))));
            assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap(() -> traps.call("rem_by_zero_i64", Value.i64(1), Value.i64(0))));
            assertEquals(TrapKind.INTEGER_OVERFLOW, trap(() -> traps.call("div_overflow")));
            assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap(() -> traps.call("load", i32(65533))));
            assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap(() -> traps.call("store", i32(-1), i32(0))));
            assertEquals(TrapKind.CALL_STACK_EXHAUSTED, trap(() -> traps.call("recurse", i32(0))));
            assertEquals(List.of(i32(-3)), traps.call("div_by_zero", i32(-7), i32(2)));
            assertEquals(TrapKind.INVALID_CONVERSION, trap(() -> traps.call("trunc_nan", Value.f32(Float.NaN))));
        }

        @Test void unsupportedFunctionsAreEngineFailuresNamingTheFeature() {
            var e = assertThrows(EngineFailure.class, () -> traps.call("call_indirect_v_i", i32(0)));
            assertTrue(e.getMessage().startsWith("call_indirect is not supported by the native compiler yet (tables; function 10"),
                    e.getMessage());
        }
    }

    @Nested class HostFunctions {
        private static final FuncType ADD = new FuncType(List.of(NumType.I32, NumType.I32), List.of(NumType.I32));
        private static final String MODULE = """
                (module
                  (import "env" "add" (func $add (param i32 i32) (result i32)))
                  (import "env" "fail" (func $fail))
                  (func (export "call_add") (param i32 i32) (result i32) (call $add (local.get 0) (local.get 1)))
                  (func (export "call_fail") (call $fail))
                  (export "add" (func $add)))""";

        private Instance host(HostFunction.Body add, HostFunction.Body fail) {
            return wat(MODULE, Imports.builder().function("env", "add", ADD, add)
                    .function("env", "fail", FuncType.EMPTY, fail).build());
        }

        private static final HostFunction.Body ADD_BODY = args -> List.of(Value.i32(
                ((Value.I32) args.get(0)).value() + ((Value.I32) args.get(1)).value()));

        @Test void callsCrossTheBoundaryBothWays() {
            var instance = host(ADD_BODY, args -> List.of());
            assertEquals(List.of(i32(5)), instance.call("call_add", i32(2), i32(3)));
            assertEquals(List.of(i32(-1)), instance.call("add", i32(2), i32(-3)), "a re-exported import");
        }

        @Test void failuresAreHostErrorsUnlessTheHostTrapsOnPurpose() {
            var throwing = host(ADD_BODY, args -> { throw new IllegalStateException("boom"); });
            var trap = assertThrows(Trap.class, () -> throwing.call("call_fail"));
            assertEquals(TrapKind.HOST_ERROR, trap.kind());
            assertTrue(trap.detail().contains("env.fail"), trap.detail());
            var wrong = host(args -> List.of(Value.i64(1)), args -> { throw new Trap(TrapKind.UNREACHABLE); });
            assertEquals(TrapKind.HOST_ERROR, trap(() -> wrong.call("call_add", i32(1), i32(2))));
            assertEquals(TrapKind.UNREACHABLE, trap(() -> wrong.call("call_fail")));
        }

        @Test void linkErrors() {
            var missing = assertThrows(LinkException.class,
                    () -> wat(MODULE, Imports.builder().function("env", "add", ADD, ADD_BODY).build()));
            assertEquals(LinkException.Kind.UNKNOWN_IMPORT, missing.kind());
            var wrong = assertThrows(LinkException.class, () -> wat(MODULE, Imports.builder()
                    .function("env", "add", FuncType.of(List.of(NumType.I32), List.of(NumType.I32)), ADD_BODY)
                    .function("env", "fail", FuncType.EMPTY, args -> List.of()).build()));
            assertEquals(LinkException.Kind.INCOMPATIBLE_IMPORT_TYPE, wrong.kind());
        }
    }

    @Nested class State {
        private final Instance state = instantiate("state");

        @Test void memoryGlobalsAndTablesAreReadable() {
            var memory = state.memory("mem");
            assertEquals(1, memory.pages());
            assertArrayEquals("flint".getBytes(StandardCharsets.US_ASCII), memory.read(16, 5));
            state.call("bump", i32(3));
            assertEquals(i32(8), state.global("counter"));
            assertEquals(List.of(i32(8)), state.call("get"));
            assertEquals(new Value.F32(0x7FA0_0001), state.global("nan_f32"), "float globals are kept bit for bit");
            assertEquals(Value.i64(-81985529216486896L), state.global("wide"));
            assertEquals(List.of(i32(1)), state.call("grow", i32(1)));
            assertEquals(2, memory.pages(), "views are live");
            var funcs = state.table("funcs");
            assertEquals(3, funcs.size());
            assertTrue(((Value.FuncRef) funcs.get(0)).isNull());
            assertTrue(!((Value.FuncRef) funcs.get(1)).isNull(), "set by the element segment");
            assertEquals(new ExternType.Global(new flint.wasm.model.GlobalType(NumType.I32, true)),
                    state.export("counter").orElseThrow().type());
        }

        @Test void importingEveryKindSharesTheEntities() {
            var linked = engine.instantiate(TestModules.load("linked"), Imports.builder().register("state", state).build());
            state.call("poke", i32(200), i32(99));
            assertEquals(List.of(i32(99)), linked.call("peek", i32(200)), "shared memory");
            linked.call("set_counter", i32(77));
            assertEquals(i32(77), state.global("counter"), "shared global");
            assertEquals(List.of(i32(77)), linked.call("via_import"), "imported function of another instance");
            assertThrows(EngineFailure.class, () -> linked.call("via_table", i32(1)), "call_indirect is not supported yet");
        }

        @Test void instancesOfAnotherEngineObjectAreRejected() {
            var imports = Imports.builder().register("state", state).build();
            assertThrows(IllegalArgumentException.class,
                    () -> new MicrowasmEngine().instantiate(TestModules.load("linked"), imports));
        }
    }

    @Nested class Instantiation {
        @Test void segmentsAndTheStartFunctionMayTrap() {
            assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap(() -> instantiate("data_oob")));
            assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap(() -> instantiate("start_trap")));
            assertEquals(TrapKind.OUT_OF_BOUNDS_TABLE, trap(() -> wat("(module (table 1 funcref) (func $f) (elem (i32.const 1) $f))",
                    Imports.NONE)));
            assertEquals(i32(0), instantiate("underscore_start").global("ran"));
        }

        @Test void invalidAndMalformedModulesAreModuleExceptions() {
            assertEquals(ModuleException.Kind.INVALID, assertThrows(ModuleException.class, () -> instantiate("invalid")).kind());
            assertEquals(ModuleException.Kind.MALFORMED,
                    assertThrows(ModuleException.class, () -> engine.instantiate(new byte[] {0, 'a', 's', 'm', 2})).kind());
        }

        @Test void invalidCodeIsInvalidEvenWhereItIsAlsoUnsupported() {
            var e = assertThrows(ModuleException.class, () -> wat("(module (func (drop (f32.const 1)) (i32.add)))", Imports.NONE));
            assertEquals(ModuleException.Kind.INVALID, e.kind());
        }

        @Test void tagsCanBeDefinedExportedAndImported() {
            var source = wat("(module (tag (export \"t\") (param i32)))", Imports.NONE);
            assertEquals(new ExternType.Tag(FuncType.of(List.of(NumType.I32), List.of())), source.export("t").orElseThrow().type());
            var imports = Imports.builder().register("m", source).build();
            wat("(module (import \"m\" \"t\" (tag (param i32))))", imports);
            assertEquals(LinkException.Kind.INCOMPATIBLE_IMPORT_TYPE, assertThrows(LinkException.class,
                    () -> wat("(module (import \"m\" \"t\" (tag (param i64))))", imports)).kind());
        }
    }

    @Nested class Interruption {
        @ParameterizedTest
        @ValueSource(strings = {"spin_br", "spin_br_if"})
        void interruptStopsARunawayLoop(String export) throws Exception {
            var spin = instantiate("spin");
            var executor = Executors.newSingleThreadExecutor();
            try {
                var outcome = executor.submit(() -> spin.call(export));
                ExecutionException stopped = null;
                for (int i = 0; i < 200 && stopped == null; i++) {
                    spin.interrupt();
                    try {
                        outcome.get(50, TimeUnit.MILLISECONDS);
                        fail("a call that spins forever returned");
                    } catch (TimeoutException stillRunning) {
                        // the first interrupt may come before the call starts
                    } catch (ExecutionException e) {
                        stopped = e;
                    }
                }
                assertNotNull(stopped, "the call did not stop");
                assertEquals(TrapKind.INTERRUPTED, assertInstanceOf(Trap.class, stopped.getCause()).kind());
            } finally {
                executor.shutdownNow();
            }
        }

        @Test void interruptWithoutARunningCallDoesNothing() {
            var traps = instantiate("traps");
            traps.interrupt();
            assertEquals(List.of(i32(4)), traps.call("div_by_zero", i32(8), i32(2)));
        }
    }
}

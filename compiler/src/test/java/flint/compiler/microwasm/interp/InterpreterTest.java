package flint.compiler.microwasm.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import flint.compiler.WasmTrap;
import flint.compiler.microwasm.MicrowasmModule;
import flint.compiler.microwasm.UnsupportedFeatureException;
import flint.wasm.text.WatParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Running converted code: control flow, the unified stack, memory, globals, calls and traps. */
class InterpreterTest {

    /** An environment with one memory, integer globals and imports that record their calls. */
    private static final class TestEnvironment implements Environment {
        final ByteMemory memory = new ByteMemory(1, 2);
        final long[] globals = new long[4];
        final List<String> calls = new ArrayList<>();

        @Override public ByteMemory memory() { return memory; }

        @Override public long getGlobal(int index) { return globals[index]; }

        @Override public void setGlobal(int index, long value) { globals[index] = value; }

        @Override public long[] callImport(int function, long[] args) {
            calls.add(function + ":" + java.util.Arrays.toString(args));
            return args.length == 0 ? new long[0] : new long[] {args[0] * 2};
        }
    }

    private final TestEnvironment env = new TestEnvironment();

    private Interpreter load(String wat) {
        return new Interpreter(MicrowasmModule.convert(WatParser.parse(wat)), env);
    }

    private long run(String wat, int function, long... args) {
        return load(wat).invoke(function, args)[0];
    }

    private static WasmTrap trap(Runnable r) {
        return assertThrows(InterpreterTrap.class, r::run).trap();
    }

    @Test void recursionAndLoops() {
        var fac = """
                (module
                  (func $rec (param i64) (result i64)
                    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
                      (else (i64.mul (local.get 0) (call $rec (i64.sub (local.get 0) (i64.const 1)))))))
                  (func $iter (param i64) (result i64) (local i64)
                    (local.set 1 (i64.const 1))
                    (block $done (loop $next
                      (br_if $done (i64.eqz (local.get 0)))
                      (local.set 1 (i64.mul (local.get 1) (local.get 0)))
                      (local.set 0 (i64.sub (local.get 0) (i64.const 1)))
                      (br $next)))
                    (local.get 1)))""";
        assertEquals(2432902008176640000L, run(fac, 0, 20));
        assertEquals(2432902008176640000L, run(fac, 1, 20));
    }

    @Test void brTableAndMultiValue() {
        var m = load("""
                (module
                  (func (param i32) (result i32)
                    (block (block (block (br_table 0 1 2 (local.get 0))) (return (i32.const 10)))
                      (return (i32.const 11)))
                    (i32.const 12))
                  (func (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
                  (func (result i32)
                    (i32.const 3) (i64.const 7) (call 1) (drop) (i32.wrap_i64)
                    (block (param i32) (result i32 i32) (i32.const 5) (br 0)) (i32.sub)))""");
        assertEquals(10, m.invoke(0, new long[] {0})[0]);
        assertEquals(11, m.invoke(0, new long[] {1})[0]);
        assertEquals(12, m.invoke(0, new long[] {2})[0]);
        assertEquals(12, m.invoke(0, new long[] {-1})[0], "an out-of-range index takes the default");
        assertArrayEquals(new long[] {9, -4}, m.invoke(1, new long[] {-4, 9}));
        assertEquals(2, m.invoke(2, new long[0])[0]);
    }

    @Test void integerSemanticsAndTraps() {
        var m = load("""
                (module
                  (func (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
                  (func (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
                  (func (param i32) (result i64) (i64.extend_i32_u (local.get 0)))
                  (func (param i32 i32) (result i32) (i32.lt_u (local.get 0) (local.get 1)))
                  (func (param i64) (result i32) (i32.extend8_s (i32.wrap_i64 (local.get 0))))
                  (func (unreachable)))""");
        assertEquals(-3, m.invoke(0, new long[] {-7, 2})[0]);
        assertEquals(WasmTrap.INTEGER_DIVIDE_BY_ZERO, trap(() -> m.invoke(0, new long[] {1, 0})));
        assertEquals(WasmTrap.INTEGER_OVERFLOW, trap(() -> m.invoke(0, new long[] {Integer.MIN_VALUE, -1})));
        assertEquals(0, m.invoke(1, new long[] {Integer.MIN_VALUE, -1})[0]);
        assertEquals(0xFFFF_FFFFL, m.invoke(2, new long[] {-1})[0]);
        assertEquals(1, m.invoke(3, new long[] {1, -1})[0], "unsigned comparison of sign-extended i32s");
        assertEquals(-1, m.invoke(4, new long[] {0x1234_56FFL})[0]);
        assertEquals(WasmTrap.UNREACHABLE, trap(() -> m.invoke(5, new long[0])));
    }

    @Test void memoryAccessesAndGrowth() {
        var m = load("""
                (module (memory 1 2)
                  (func (param i32 i64) (i64.store offset=1 (local.get 0) (local.get 1)))
                  (func (param i32) (result i32) (i32.load16_s offset=1 (local.get 0)))
                  (func (param i32) (result i64) (i64.load32_u (local.get 0)))
                  (func (param i32) (result i32) (memory.grow (local.get 0)))
                  (func (result i32) (memory.size)))""");
        m.invoke(0, new long[] {0, 0x8899_AABB_CCDD_EEFFL});
        assertEquals((short) 0xEEFF, m.invoke(1, new long[] {0})[0]);
        assertEquals(0xDDEE_FF00L, m.invoke(2, new long[] {0})[0], "zero-extended, little-endian");
        assertEquals(WasmTrap.OUT_OF_BOUNDS_MEMORY, trap(() -> m.invoke(0, new long[] {65536 - 8, 0})));
        assertEquals(WasmTrap.OUT_OF_BOUNDS_MEMORY, trap(() -> m.invoke(2, new long[] {-1})), "no 32-bit wrap-around");
        assertEquals(1, m.invoke(3, new long[] {1})[0]);
        assertEquals(-1, m.invoke(3, new long[] {1})[0], "past the maximum");
        assertEquals(2, m.invoke(4, new long[0])[0]);
    }

    @Test void globalsAndImportsGoThroughTheEnvironment() {
        var m = load("""
                (module
                  (import "env" "double" (func $double (param i64) (result i64)))
                  (global $g (mut i64) (i64.const 0))
                  (func (param i64) (result i64) (global.set $g (call $double (local.get 0))) (global.get $g)))""");
        assertEquals(42, m.invoke(1, new long[] {21})[0]);
        assertEquals(42, env.globals[0]);
        assertEquals(List.of("0:[21]"), env.calls);
    }

    @Test void deepRecursionExhaustsTheCallStackNotTheJavaStack() {
        var m = load("(module (func $f (param i32) (result i32) (i32.add (call $f (local.get 0)) (i32.const 1))))");
        assertEquals(WasmTrap.CALL_STACK_EXHAUSTED, trap(() -> m.invoke(0, new long[] {0})));
        var counted = load("""
                (module (func $f (param i32) (result i32)
                  (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                    (else (i32.add (call $f (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))))))""");
        assertEquals(15_000, counted.invoke(0, new long[] {15_000})[0]);
    }

    @Test void anInterruptStopsALoop() throws InterruptedException {
        var m = load("(module (func (loop (br 0))))");
        var stopped = new AtomicBoolean();
        var thread = new Thread(() -> {
            try {
                m.invoke(0, new long[0]);
            } catch (InterpreterTrap t) {
                stopped.set(t.trap() == WasmTrap.INTERRUPTED);
            }
        });
        thread.start();
        Thread.sleep(50);
        m.interrupt();
        thread.join(5_000);
        assertEquals(true, stopped.get());
    }

    @Test void callingARejectedFunctionSaysWhy() {
        var m = load("(module (func (drop (v128.const i64x2 0 0))) (func (call 0)))");
        var e = assertThrows(UnsupportedFeatureException.class, () -> m.invoke(1, new long[0]));
        assertEquals("v128.const", e.subject());
    }
}

package flint.harness.nativecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import flint.compiler.NativeCompiler;
import flint.harness.engine.Engine;
import flint.harness.engine.Imports;
import flint.harness.engine.Instance;
import flint.harness.engine.Trap;
import flint.harness.engine.TrapKind;
import flint.harness.engine.chicory.ChicoryEngine;
import flint.harness.engine.flint.FlintEngine;
import flint.wasm.model.FuncType;
import flint.wasm.model.NumType;
import flint.wasm.text.WatParser;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The compiled code at the edges the random modules do not reach: host calls with many values,
 * re-entry, stack exhaustion, interruption, memory growth to the maximum, start functions,
 * imported globals, and the same module on Chicory for the expected values.
 */
class NativeEngineTest {

    private static Instance instantiate(Engine engine, String wat, Imports imports) {
        return engine.instantiate(WatParser.toBinary(wat, "test.wat"), imports);
    }

    private static Engine flint() {
        return new FlintEngine(NativeCompiler::compile);
    }

    @Test
    void hostCallsPassManyValuesBothWays() {
        var wat = """
                (module
                  (import "env" "mix" (func $mix (param i32 i64 i32 i64 i32 i64 i32 i64 i32 i64 i32 i64)
                                                 (result i64 i32 i64)))
                  (func (export "run") (param i32) (result i64)
                    (local i64 i32 i64) (local $n i32)
                    (local.set $n (local.get 0))
                    (loop $again
                      (call $mix (local.get $n) (i64.const -1) (i32.const 3) (local.get 1) (i32.const 5) (i64.const 6)
                                 (i32.const 7) (i64.const 8) (i32.const 9) (i64.const 10) (local.get $n) (i64.const 12))
                      (local.set 3) (local.set 2) (local.set 1)
                      (local.set 1 (i64.add (local.get 1) (i64.add (local.get 3) (i64.extend_i32_u (local.get 2)))))
                      (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                    (local.get 1)))
                """;
        HostFunctionBodies bodies = new HostFunctionBodies();
        var type = new FuncType(List.of(NumType.I32, NumType.I64, NumType.I32, NumType.I64, NumType.I32, NumType.I64,
                NumType.I32, NumType.I64, NumType.I32, NumType.I64, NumType.I32, NumType.I64),
                List.of(NumType.I64, NumType.I32, NumType.I64));
        var imports = Imports.builder().function("env", "mix", type, bodies::mix).build();
        var want = instantiate(new ChicoryEngine(), wat, imports).call("run", Value.i32(50));
        var got = instantiate(flint(), wat, imports).call("run", Value.i32(50));
        assertEquals(want, got);
    }

    /** A host function whose results depend on every argument. */
    static final class HostFunctionBodies {
        List<Value> mix(List<Value> args) {
            long sum = 0;
            int i = 1;
            for (var a : args) {
                long v = a instanceof Value.I32(int x) ? x : ((Value.I64) a).value();
                sum = sum * 31 + v * i++;
            }
            return List.of(Value.i64(sum), Value.i32((int) (sum >>> 7)), Value.i64(~sum));
        }
    }

    @Test
    void deepRecursionTrapsWithCallStackExhausted() {
        var wat = """
                (module (func $f (export "f") (param i64) (result i64)
                  (i64.add (i64.const 1) (call $f (i64.add (local.get 0) (i64.const 1))))))
                """;
        var trap = assertThrows(Trap.class, () -> instantiate(flint(), wat, Imports.NONE).call("f", Value.i64(0)));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, trap.kind());
    }

    @Test
    void anInfiniteLoopStopsWhenInterrupted() throws Exception {
        var wat = "(module (func (export \"spin\") (loop (br 0))))";
        var instance = instantiate(flint(), wat, Imports.NONE);
        var timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.scheduleAtFixedRate(instance::interrupt, 200, 100, TimeUnit.MILLISECONDS);
            var trap = assertThrows(Trap.class, () -> instance.call("spin"));
            assertEquals(TrapKind.INTERRUPTED, trap.kind());
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void memoryGrowsToItsMaximumAndThenFails() {
        var wat = """
                (module (memory 1 3)
                  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
                  (func (export "size") (result i32) (memory.size))
                  (func (export "poke") (param i32) (i32.store (local.get 0) (i32.const 0x01020304)))
                  (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0))))
                """;
        var instance = instantiate(flint(), wat, Imports.NONE);
        assertThrows(Trap.class, () -> instance.call("poke", Value.i32(65536)));
        assertEquals(List.of(Value.i32(1)), instance.call("grow", Value.i32(1)));
        instance.call("poke", Value.i32(65536));
        assertEquals(List.of(Value.i32(4)), instance.call("peek", Value.i32(65536)));
        assertEquals(List.of(Value.i32(-1)), instance.call("grow", Value.i32(2)));
        assertEquals(List.of(Value.i32(2)), instance.call("grow", Value.i32(1)));
        assertEquals(List.of(Value.i32(3)), instance.call("size"));
        assertEquals(List.of(Value.i32(-1)), instance.call("grow", Value.i32(-1)));
        var trap = assertThrows(Trap.class, () -> instance.call("poke", Value.i32(3 * 65536 - 3)));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap.kind());
    }

    @Test
    void importedGlobalsAndFunctionsOfAnotherInstance() {
        var engine = flint();
        var exporter = instantiate(engine, """
                (module
                  (global (export "counter") (mut i64) (i64.const 40))
                  (memory (export "mem") 1)
                  (func (export "bump") (param i64) (result i64)
                    (global.set 0 (i64.add (global.get 0) (local.get 0)))
                    (i64.store (i32.const 8) (global.get 0))
                    (global.get 0)))
                """, Imports.NONE);
        var imports = Imports.builder().register("lib", exporter).build();
        var importer = instantiate(engine, """
                (module
                  (import "lib" "counter" (global $c (mut i64)))
                  (import "lib" "mem" (memory 1))
                  (import "lib" "bump" (func $bump (param i64) (result i64)))
                  (global $mine (mut i32) (i32.const 0))
                  (func $start (global.set $mine (i32.const 7)))
                  (start $start)
                  (func (export "run") (result i64)
                    (drop (call $bump (i64.extend_i32_u (global.get $mine))))
                    (global.set $c (i64.add (global.get $c) (i64.const 100)))
                    (i64.add (i64.load (i32.const 8)) (global.get $c))))
                """, imports);
        // bump: 40 + 7 = 47, stored at 8; then the counter becomes 147: 47 + 147
        assertEquals(List.of(Value.i64(194)), importer.call("run"));
        assertEquals(List.of(Value.i64(148)), exporter.call("bump", Value.i64(1)));
    }

    @Test
    void aHostFunctionMayCallBackIntoWasm() {
        var engine = flint();
        var holder = new ArrayList<Instance>();
        var type = new FuncType(List.of(NumType.I32), List.of(NumType.I32));
        var imports = Imports.builder().function("env", "back", type, args -> {
            int n = ((Value.I32) args.getFirst()).value();
            return holder.getFirst().call("down", Value.i32(n - 1));
        }).build();
        var instance = instantiate(engine, """
                (module
                  (import "env" "back" (func $back (param i32) (result i32)))
                  (func (export "down") (param i32) (result i32)
                    (if (result i32) (i32.eqz (local.get 0))
                      (then (i32.const 1000))
                      (else (i32.add (local.get 0) (call $back (local.get 0)))))))
                """, imports);
        holder.add(instance);
        assertEquals(List.of(Value.i32(1000 + 55)), instance.call("down", Value.i32(10)));
    }
}

package flint.runtime;

import static flint.compiler.x64.asm.Gpr.RAX;
import static flint.compiler.x64.asm.Gpr.RCX;
import static flint.compiler.x64.asm.Gpr.RDX;
import static flint.compiler.x64.asm.Gpr.R8;
import static flint.compiler.x64.asm.Size.S32;
import static flint.compiler.x64.asm.Size.S64;
import static flint.wasm.model.NumType.F32;
import static flint.wasm.model.NumType.F64;
import static flint.wasm.model.NumType.I32;
import static flint.wasm.model.NumType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import flint.compiler.Abi;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Mem;
import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.FuncType;
import flint.wasm.model.ValType;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wasm-to-Wasm and Java-to-Wasm calls: parameters and results in 16-byte slots (incoming at
 * {@code [rbp + 16 + 16*i]}, outgoing at {@code [rsp + 16*i]}), multi-value results written back
 * over the parameters, direct calls by label or relocation, and the array-call shims Java enters by.
 */
class CallingConventionTest extends NativeTest {

    private static final FuncType I64_I64_TO_I64 = FuncType.of(List.of(I64, I64), List.of(I64));

    @Test
    void addsTwoI64Parameters() {
        var b = new ModuleBuilder();
        int add = b.function(I64_I64_TO_I64, List.of());
        b.exportFunction("add", add);
        var instance = instantiate(HandCompiler.of(b.build()).function(add, f -> {
            f.asm.mov(S64, RAX, f.param(0));
            f.asm.add(S64, RAX, f.param(1));
            f.asm.mov(S64, f.result(0), RAX);
        }));
        assertEquals(List.of(Value.i64(42)), call(instance, "add", Value.i64(40), Value.i64(2)));
        assertEquals(List.of(Value.i64(Long.MIN_VALUE)), call(instance, "add", Value.i64(Long.MAX_VALUE), Value.i64(1)));
    }

    @Test
    void multiValueResultsOverwriteTheParameterSlots() {
        // rotate(i32 a, i64 b, f32 c, f64 d) -> (f64 d, i32 a, i64 b, f32 c): every parameter is read
        // before any result is written, as a parallel move must be
        var b = new ModuleBuilder();
        int rotate = b.function(FuncType.of(List.of(I32, I64, F32, F64), List.of(F64, I32, I64, F32)), List.of());
        b.exportFunction("rotate", rotate);
        var instance = instantiate(HandCompiler.of(b.build()).function(rotate, f -> {
            f.asm.mov(S32, RAX, f.param(0));
            f.asm.mov(S64, RCX, f.param(1));
            f.asm.mov(S32, RDX, f.param(2));
            f.asm.mov(S64, R8, f.param(3));
            f.asm.mov(S64, f.result(0), R8);
            f.asm.mov(S32, f.result(1), RAX);
            f.asm.mov(S64, f.result(2), RCX);
            f.asm.mov(S32, f.result(3), RDX);
        }));
        var nanF32 = new Value.F32(0x7FA0_0001);
        var nanF64 = new Value.F64(0xFFF4_0000_0000_0ABCL);
        assertEquals(List.of(nanF64, Value.i32(-7), Value.i64(Long.MIN_VALUE), nanF32),
                call(instance, "rotate", Value.i32(-7), Value.i64(Long.MIN_VALUE), nanF32, nanF64),
                "bit-exact, NaN payloads included");
    }

    @Test
    void noParametersAndNoResults() {
        var b = new ModuleBuilder();
        int nothing = b.function(FuncType.EMPTY, List.of());
        b.exportFunction("nothing", nothing);
        var instance = instantiate(HandCompiler.of(b.build()).function(nothing, f -> {}));
        assertEquals(List.of(), call(instance, "nothing"));
    }

    @Test
    void directCallsByLabelAndByRelocation() {
        // caller(x, y) = add(x, y) + 1 through a label; caller2 the same through a relocation
        var b = new ModuleBuilder();
        int add = b.function(I64_I64_TO_I64, List.of());
        int caller = b.function(I64_I64_TO_I64, List.of());
        int caller2 = b.function(I64_I64_TO_I64, List.of());
        b.exportFunction("caller", caller).exportFunction("caller2", caller2);
        var module = HandCompiler.of(b.build())
                .function(add, f -> {
                    f.asm.mov(S64, RAX, f.param(0));
                    f.asm.add(S64, RAX, f.param(1));
                    f.asm.mov(S64, f.result(0), RAX);
                })
                .function(caller, f -> {
                    passThenCall(f, () -> f.call(add));
                })
                .function(caller2, f -> {
                    passThenCall(f, () -> {
                        f.callArea(I64_I64_TO_I64);
                        f.asm.callFunction(add);
                    });
                });
        var compiled = module.compile();
        assertEquals(1, compiled.relocations().size(), "only the relocated call needs the linker");
        var instance = instantiate(module);
        assertEquals(List.of(Value.i64(43)), call(instance, "caller", Value.i64(40), Value.i64(2)));
        assertEquals(List.of(Value.i64(43)), call(instance, "caller2", Value.i64(40), Value.i64(2)));
        assertThrows(IllegalArgumentException.class, () -> instance.function("add"), "add is not exported");
    }

    /** Copies both parameters to the outgoing slots, calls, returns the result plus one. */
    private static void passThenCall(HandCompiler.Fn f, Runnable call) {
        f.asm.mov(S64, RAX, f.param(0));
        f.asm.mov(S64, f.arg(0), RAX);
        f.asm.mov(S64, RAX, f.param(1));
        f.asm.mov(S64, f.arg(1), RAX);
        call.run();
        f.asm.mov(S64, RAX, f.arg(0));
        f.asm.add(S64, RAX, 1);
        f.asm.mov(S64, f.result(0), RAX);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 16, 17, 40})
    void shimsCopyAnyNumberOfSlots(int count) {
        // sum(p0..pn-1) -> (sum, p0, ..., pn-2): as many results as parameters, crossing the point
        // where the shim stops unrolling its copies
        var params = Collections.<ValType>nCopies(count, I64);
        var b = new ModuleBuilder();
        int sum = b.function(FuncType.of(params, params), List.of());
        b.exportFunction("sum", sum);
        var instance = instantiate(HandCompiler.of(b.build()).function(sum, f -> {
            f.asm.alu(flint.compiler.x64.asm.AluOp.XOR, S32, RAX, RAX);
            for (int i = 0; i < count; i++) {
                f.asm.add(S64, RAX, f.param(i));
            }
            // shift the parameters up by one slot, from the top, then put the sum in slot 0
            for (int i = count - 1; i > 0; i--) {
                f.asm.mov(S64, RCX, f.param(i - 1));
                f.asm.mov(S64, f.result(i), RCX);
            }
            f.asm.mov(S64, f.result(0), RAX);
        }));
        var args = LongStream.rangeClosed(1, count).mapToObj(Value::i64).toList();
        var expected = new ArrayList<Value>();
        expected.add(Value.i64((long) count * (count + 1) / 2));
        expected.addAll(args.subList(0, count - 1));
        assertEquals(expected, instance.function("sum").call(args));
    }

    @Test
    void theCalleeSeesTheVmctxInR14AndAnAlignedStack() {
        // probe() -> (vmctx, rsp mod 16 at a call made from the body)
        var b = new ModuleBuilder();
        int probe = b.function(FuncType.of(List.of(), List.of(I64, I64)), List.of());
        int leaf = b.function(FuncType.of(List.of(), List.of(I64)), List.of());
        b.exportFunction("probe", probe);
        var instance = instantiate(HandCompiler.of(b.build())
                .function(probe, f -> {
                    f.call(leaf);
                    f.asm.mov(S64, RAX, f.arg(0));
                    f.asm.mov(S64, f.result(1), RAX);
                    f.asm.mov(S64, f.result(0), Abi.VMCTX);
                })
                .function(leaf, f -> {
                    // RSP at the call = RBP + 16 (return address and saved RBP above it)
                    f.asm.lea(S64, RAX, Mem.of(Gpr.RBP, 16));
                    f.asm.and(S64, RAX, 15);
                    f.asm.mov(S64, f.result(0), RAX);
                }));
        assertEquals(List.of(Value.i64(instance.vmctxAddress()), Value.i64(0)), call(instance, "probe"));
    }

    @Test
    void argumentsAreCheckedBeforeAnythingRuns() {
        var b = new ModuleBuilder();
        int add = b.function(I64_I64_TO_I64, List.of());
        b.exportFunction("add", add);
        var instance = instantiate(HandCompiler.of(b.build()).function(add, f -> {}));
        var add2 = instance.function("add");
        assertThrows(IllegalArgumentException.class, () -> add2.call(List.of(Value.i64(1))));
        assertThrows(IllegalArgumentException.class, () -> add2.call(List.of(Value.i64(1), Value.i32(2))));
        assertThrows(IllegalArgumentException.class, () -> add2.call(java.util.Arrays.asList(Value.i64(1), null)));
    }
}

package flint.compiler;

import flint.compiler.x64.asm.AluOp;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Label;
import flint.compiler.x64.asm.Mem;
import flint.compiler.x64.asm.Relocation;
import flint.compiler.x64.asm.Size;
import flint.compiler.x64.asm.Xmm;
import flint.wasm.model.FuncType;
import java.util.function.Consumer;

/**
 * Emits array-call shims: the bridge from the runtime's entry trampoline (Java → native) to a
 * function in the Wasm calling convention ({@link Abi}).
 *
 * <p>The trampoline enters a shim with RDI = vmctx and RSI = the argument buffer (16-byte slots,
 * parameters in, results out), RSP ≡ 8 (mod 16), every register but RSP free to clobber. The shim
 * opens a call area, checks the stack limit (a host function may re-enter Wasm with the stack
 * already at the limit), copies the parameters in, sets R14 and calls the function, then copies
 * the results back into the buffer:
 *
 * <pre>
 *   push rbp ; mov rbp, rsp ; push rsi           ; the buffer, kept across the call at [rbp-8]
 *   sub  rsp, area + 8                           ; RSP ≡ 0 (mod 16), slot i at [rsp + 16*i]
 *   mov  rax, [rdi] ; cmp rsp, [rax + 8] ; jb exhausted
 *   movups xmm0, [rsi + 16*i] ; movups [rsp + 16*i], xmm0     (each parameter slot)
 *   mov  r14, rdi ; call function
 *   mov  rsi, [rbp - 8]
 *   movups xmm0, [rsp + 16*i] ; movups [rsi + 16*i], xmm0     (each result slot)
 *   leave ; ret
 * exhausted:
 *   mov esi, CALL_STACK_EXHAUSTED ; jmp [rax + 32]
 * </pre>
 *
 * Because buffer and call area share the slot layout, a shim copies whole slots and does not care
 * about value types: one shape serves every signature, only the slot counts differ. Long
 * signatures copy in a loop instead of unrolled.
 */
public final class ShimGenerator {

    /** Above this many slots a copy is a loop rather than unrolled moves. */
    static final int UNROLL_LIMIT = 16;

    private ShimGenerator() {}

    /**
     * Emits the shim for a function of type {@code type} whose Wasm entry is {@code target} (a label
     * of the same assembler, bound or not).
     *
     * @return the shim's offset (16-byte aligned)
     */
    public static int emit(Assembler asm, FuncType type, Label target) {
        return emit(asm, type, a -> a.call(target));
    }

    /**
     * Emits the shim for defined function {@code functionIndex} of type {@code type}, calling it
     * through a {@link Relocation.WasmFunction} relocation.
     *
     * @return the shim's offset (16-byte aligned)
     */
    public static int emit(Assembler asm, FuncType type, int functionIndex) {
        return emit(asm, type, a -> a.callFunction(functionIndex));
    }

    private static int emit(Assembler asm, FuncType type, Consumer<Assembler> call) {
        int params = type.params().size();
        int results = type.results().size();
        int area = Abi.callAreaSize(type);
        var exhausted = asm.newLabel();

        asm.align(16);
        int start = asm.position();
        asm.push(Gpr.RBP);
        asm.mov(Size.S64, Gpr.RBP, Gpr.RSP);
        asm.push(Gpr.RSI);
        asm.sub(Size.S64, Gpr.RSP, area + 8);
        asm.mov(Size.S64, Gpr.RAX, Mem.of(Gpr.RDI, Abi.VMCTX_EXEC_CONTEXT));
        asm.cmp(Size.S64, Gpr.RSP, Mem.of(Gpr.RAX, Abi.EXEC_STACK_LIMIT));
        asm.jcc(Cond.B, exhausted);
        copySlots(asm, Gpr.RSI, Gpr.RSP, params);
        asm.mov(Size.S64, Abi.VMCTX, Gpr.RDI);
        call.accept(asm);
        asm.mov(Size.S64, Gpr.RSI, Mem.of(Gpr.RBP, -8));
        copySlots(asm, Gpr.RSP, Gpr.RSI, results);
        asm.leave();
        asm.ret();

        asm.bind(exhausted);
        asm.movImm(Size.S32, Gpr.RSI, WasmTrap.CALL_STACK_EXHAUSTED.code());
        asm.jmp(Mem.of(Gpr.RAX, Abi.EXEC_TRAP_STUB));
        return start;
    }

    /** Copies {@code slots} 16-byte slots from {@code [from]} to {@code [to]}; clobbers RAX and XMM0. */
    private static void copySlots(Assembler asm, Gpr from, Gpr to, int slots) {
        if (slots <= UNROLL_LIMIT) {
            for (int i = 0; i < slots; i++) {
                asm.movups(Xmm.XMM0, Mem.of(from, Abi.SLOT_SIZE * i));
                asm.movups(Mem.of(to, Abi.SLOT_SIZE * i), Xmm.XMM0);
            }
            return;
        }
        asm.alu(AluOp.XOR, Size.S32, Gpr.RAX, Gpr.RAX);
        var loop = asm.here();
        asm.movups(Xmm.XMM0, Mem.of(from, Gpr.RAX, 1, 0));
        asm.movups(Mem.of(to, Gpr.RAX, 1, 0), Xmm.XMM0);
        asm.add(Size.S64, Gpr.RAX, Abi.SLOT_SIZE);
        asm.cmp(Size.S64, Gpr.RAX, Abi.SLOT_SIZE * slots);
        asm.jcc(Cond.NE, loop);
    }
}

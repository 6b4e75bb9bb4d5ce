package flint.compiler;

import flint.compiler.x64.asm.AluOp;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Label;
import flint.compiler.x64.asm.Mem;
import flint.compiler.x64.asm.Size;

/**
 * The canonical machine-code sequences of the {@link Abi}: prologue, epilogue, trap, interrupt
 * check, call through an imported-function entry, {@code memory.grow}. The backend may emit these
 * or equivalent code; the runtime's tests run them, so they are the executable definition of the
 * contract.
 *
 * <p>Frame of a Wasm function after the prologue:
 * <pre>
 * [rbp + 16 + 16*i]  incoming slot i: parameter i in, result i out
 * [rbp + 8]          return address
 * [rbp]              caller's RBP
 * [rbp - 8]          vmctx (R14), for restoring it after calls through imported-function entries
 * ...                locals and spill slots (the function's own business)
 * [rsp + 16*i]       outgoing call area: slot i of the next call
 * </pre>
 * RSP stays put in the body, so the call area is always at {@code [rsp]} and RSP is 16-byte
 * aligned at every call. The frame size is known only at the end of the function: the prologue
 * leaves a 32-bit immediate to patch ({@link #setFrameSize}), one fixed frame per function.
 */
public final class AbiSequences {

    private AbiSequences() {}

    /** The patchable frame-size immediate of a prologue. */
    public record Frame(int sizeField) {}

    /**
     * The prologue:
     * <pre>
     * push rbp ; mov rbp, rsp
     * sub  rsp, FRAME                   ; imm32, patched by setFrameSize
     * mov  rax, [r14]                   ; execution context
     * cmp  rsp, [rax + 8] ; jb stackExhausted      ; the frame must lie above the stack limit
     * mov  [rbp - 8], r14
     * cmp  dword [rax + 28], 0 ; jne interrupted   ; only if interrupted != null
     * mov  r15, [r14 + 16]                         ; only if loadMemoryBase
     * </pre>
     * The limit is checked after the frame is allocated and before anything is written to it, so
     * any frame size is safe: the trap stub resets RSP. A function whose body has no loop and no
     * call may skip the interrupt check; every function keeps the stack check (it is what bounds
     * recursion).
     *
     * @param stackExhausted where to go when the stack is exhausted (typically a
     *     {@link #trap trap} with {@link WasmTrap#CALL_STACK_EXHAUSTED})
     * @param interrupted where to go when the interrupt flag is up, or null for no check
     * @param loadMemoryBase whether to load memory 0's base into R15 (modules with a memory)
     */
    public static Frame prologue(Assembler asm, Label stackExhausted, Label interrupted, boolean loadMemoryBase) {
        asm.push(Gpr.RBP);
        asm.mov(Size.S64, Gpr.RBP, Gpr.RSP);
        int sizeField = asm.aluImm32(AluOp.SUB, Size.S64, Gpr.RSP, Abi.MIN_FRAME_SIZE);
        asm.mov(Size.S64, Gpr.RAX, Mem.of(Abi.VMCTX, Abi.VMCTX_EXEC_CONTEXT));
        asm.cmp(Size.S64, Gpr.RSP, Mem.of(Gpr.RAX, Abi.EXEC_STACK_LIMIT));
        asm.jcc(Cond.B, stackExhausted);
        asm.mov(Size.S64, Mem.of(Gpr.RBP, Abi.FRAME_VMCTX), Abi.VMCTX);
        if (interrupted != null) {
            asm.cmp(Size.S32, Mem.of(Gpr.RAX, Abi.EXEC_INTERRUPT), 0);
            asm.jcc(Cond.NE, interrupted);
        }
        if (loadMemoryBase) {
            asm.mov(Size.S64, Abi.MEMORY_BASE, Mem.of(Abi.VMCTX, Abi.MEMORY0_BASE));
        }
        return new Frame(sizeField);
    }

    /**
     * Sets the frame size of {@code frame}'s prologue: the bytes below the saved RBP, including
     * the vmctx word and the largest outgoing call area.
     *
     * @throws IllegalArgumentException unless a multiple of 16 and at least {@link Abi#MIN_FRAME_SIZE}
     */
    public static void setFrameSize(Assembler asm, Frame frame, int bytes) {
        if (bytes < Abi.MIN_FRAME_SIZE || bytes % Abi.STACK_ALIGNMENT != 0) {
            throw new IllegalArgumentException("frame size must be a multiple of 16 of at least "
                    + Abi.MIN_FRAME_SIZE + ": " + bytes);
        }
        asm.patch32(frame.sizeField(), bytes);
    }

    /** {@code leave ; ret}: the results must already be in the incoming slots. */
    public static void epilogue(Assembler asm) {
        asm.leave();
        asm.ret();
    }

    /**
     * The interrupt check of a loop header: {@code mov rax, [r14] ; cmp dword [rax + 28], 0 ;
     * jne interrupted}. Clobbers RAX and the flags.
     */
    public static void interruptCheck(Assembler asm, Label interrupted) {
        asm.mov(Size.S64, Gpr.RAX, Mem.of(Abi.VMCTX, Abi.VMCTX_EXEC_CONTEXT));
        asm.cmp(Size.S32, Mem.of(Gpr.RAX, Abi.EXEC_INTERRUPT), 0);
        asm.jcc(Cond.NE, interrupted);
    }

    /**
     * Raises {@code trap}: {@code mov esi, code ; mov rdi, r14 ; mov rax, [r14] ; jmp [rax + 32]}.
     * Emit it out of line, once per trap kind and function, and branch to it.
     */
    public static void trap(Assembler asm, WasmTrap trap) {
        asm.movImm(Size.S32, Abi.TRAP_CODE, trap.code());
        asm.mov(Size.S64, Abi.TRAP_VMCTX, Abi.VMCTX);
        asm.mov(Size.S64, Gpr.RAX, Mem.of(Abi.VMCTX, Abi.VMCTX_EXEC_CONTEXT));
        asm.jmp(Mem.of(Gpr.RAX, Abi.EXEC_TRAP_STUB));
    }

    /**
     * Calls imported function {@code function} with its arguments already in the outgoing call
     * area, then restores the caller's registers:
     * <pre>
     * mov rax, [r14 + entry]       ; code
     * mov r14, [r14 + entry + 8]   ; the callee's vmctx
     * call rax
     * mov r14, [rbp - 8]
     * mov r15, [r14 + 16]          ; only if reloadMemoryBase
     * </pre>
     * The callee may be another instance's function or a host function; the code is the same.
     */
    public static void callImport(Assembler asm, VmctxLayout layout, int function, boolean reloadMemoryBase) {
        int entry = layout.importedFunction(function);
        asm.mov(Size.S64, Gpr.RAX, Mem.of(Abi.VMCTX, entry + Abi.FUNC_ENTRY_CODE));
        asm.mov(Size.S64, Abi.VMCTX, Mem.of(Abi.VMCTX, entry + Abi.FUNC_ENTRY_VMCTX));
        asm.call(Gpr.RAX);
        asm.mov(Size.S64, Abi.VMCTX, Mem.of(Gpr.RBP, Abi.FRAME_VMCTX));
        if (reloadMemoryBase) {
            asm.mov(Size.S64, Abi.MEMORY_BASE, Mem.of(Abi.VMCTX, Abi.MEMORY0_BASE));
        }
    }

    /**
     * {@code memory.grow} of memory {@code memory}: the delta (zero-extended to 64 bits) must be in
     * RDX; the old size in pages or -1 comes back in RAX. Clobbers what a System V call clobbers.
     */
    public static void memoryGrow(Assembler asm, int memory) {
        asm.mov(Size.S64, Gpr.RDI, Abi.VMCTX);
        asm.movImm(Size.S32, Gpr.RSI, memory);
        asm.call(RuntimeHelper.MEMORY_GROW.target());
    }
}

package flint.runtime.exec;

/**
 * The machine code of the entry trampoline and the trap stub, hand-assembled (x86-64, System V).
 * Fixed code owned by the runtime, so it needs no assembler; the offsets of {@link ExecContext}'s
 * fields and of {@link VmContext#EXEC_CONTEXT} are baked into it (see the static checks below).
 *
 * <h2>Entry: {@code int32 entry(void *vmctx, void *fn, void *argbuf)}</h2>
 * Called from Java through one downcall handle. Saves every callee-saved register (generated code
 * may use them all), saves the previous {@code savedSp} (entries nest when host functions call back
 * into Wasm), records its RSP as {@code savedSp} (and as {@code entrySp} when outermost), clears the
 * trap code and calls {@code fn} with RDI = vmctx and RSI = argbuf, RSP 16-byte aligned before the
 * call as in System V. {@code fn} may clobber every register except RSP; it returns normally on
 * success. The trampoline then returns status 0.
 *
 * <h2>Trap stub</h2>
 * Reached by {@code jmp} (or {@code call}; the return address is discarded) from any depth of
 * generated code with RDI = vmctx and ESI = trap code. It loads RSP from {@code savedSp}, which drops
 * every Wasm frame at once, stores the code, and leaves through the trampoline's epilogue, which
 * restores the callee-saved registers: Java sees the entry return the trap code. No signal, no
 * unwinder, no status check after every call. A zero code is replaced by
 * {@link TrapCode#MISSING_CODE} so that a buggy trap can never look like a normal return.
 *
 * <h2>Frame of the trampoline (RSP at the saved point = savedSp)</h2>
 * <pre>
 * [savedSp + 72]  return address into the downcall stub
 * [savedSp + 64]  saved RBP   (RBP = savedSp + 64 after the prologue)
 * [savedSp + 56]  saved RBX
 * [savedSp + 48]  saved R12
 * [savedSp + 40]  saved R13
 * [savedSp + 32]  saved R14
 * [savedSp + 24]  saved R15
 * [savedSp + 16]  ExecContext pointer
 * [savedSp +  8]  previous savedSp (0 for the outermost entry)
 * [savedSp +  0]  padding, keeps RSP 16-byte aligned at the call
 * </pre>
 * The epilogue addresses the frame from RSP, not RBP, because generated code may clobber RBP.
 */
final class TrampolineCode {

    static final int ENTRY_OFFSET = 0x00;
    static final int TRAP_STUB_OFFSET = 0x60;

    private TrampolineCode() {}

    static {
        // the displacements below are these offsets
        if (VmContext.EXEC_CONTEXT != 0 || ExecContext.SAVED_SP != 0 || ExecContext.ENTRY_SP != 0x10
                || ExecContext.TRAP_CODE != 0x18 || TrapCode.MISSING_CODE != 0x7fffffff) {
            throw new AssertionError("TrampolineCode is out of date with the context layouts");
        }
    }

    static byte[] bytes() {
        return new byte[] {
            // entry: rdi = vmctx, rsi = fn, rdx = argbuf
            /* 00 */ 0x55,                                           // push rbp
            /* 01 */ 0x48, (byte) 0x89, (byte) 0xE5,                 // mov  rbp, rsp
            /* 04 */ 0x53,                                           // push rbx
            /* 05 */ 0x41, 0x54,                                     // push r12
            /* 07 */ 0x41, 0x55,                                     // push r13
            /* 09 */ 0x41, 0x56,                                     // push r14
            /* 0b */ 0x41, 0x57,                                     // push r15
            /* 0d */ 0x48, (byte) 0x8B, 0x07,                        // mov  rax, [rdi]        ; ExecContext
            /* 10 */ 0x48, (byte) 0x8B, 0x08,                        // mov  rcx, [rax]        ; previous savedSp
            /* 13 */ 0x50,                                           // push rax
            /* 14 */ 0x51,                                           // push rcx
            /* 15 */ 0x48, (byte) 0x83, (byte) 0xEC, 0x08,           // sub  rsp, 8            ; align
            /* 19 */ 0x48, (byte) 0x85, (byte) 0xC9,                 // test rcx, rcx
            /* 1c */ 0x75, 0x04,                                     // jne  0x22              ; nested entry
            /* 1e */ 0x48, (byte) 0x89, 0x60, 0x10,                  // mov  [rax+0x10], rsp   ; entrySp
            /* 22 */ 0x48, (byte) 0x89, 0x20,                        // mov  [rax], rsp        ; savedSp
            /* 25 */ (byte) 0xC7, 0x40, 0x18, 0x00, 0x00, 0x00, 0x00, // mov dword [rax+0x18], 0 ; trapCode
            /* 2c */ 0x48, (byte) 0x89, (byte) 0xF0,                 // mov  rax, rsi
            /* 2f */ 0x48, (byte) 0x89, (byte) 0xD6,                 // mov  rsi, rdx          ; rdi stays vmctx
            /* 32 */ (byte) 0xFF, (byte) 0xD0,                       // call rax
            /* 34 */ 0x31, (byte) 0xC0,                              // xor  eax, eax          ; status 0
            // done: eax = status, rsp = savedSp
            /* 36 */ 0x48, (byte) 0x8B, 0x4C, 0x24, 0x10,            // mov  rcx, [rsp+0x10]   ; ExecContext
            /* 3b */ 0x48, (byte) 0x8B, 0x54, 0x24, 0x08,            // mov  rdx, [rsp+8]      ; previous savedSp
            /* 40 */ 0x48, (byte) 0x89, 0x11,                        // mov  [rcx], rdx
            /* 43 */ 0x48, (byte) 0x83, (byte) 0xC4, 0x18,           // add  rsp, 0x18
            /* 47 */ 0x41, 0x5F,                                     // pop  r15
            /* 49 */ 0x41, 0x5E,                                     // pop  r14
            /* 4b */ 0x41, 0x5D,                                     // pop  r13
            /* 4d */ 0x41, 0x5C,                                     // pop  r12
            /* 4f */ 0x5B,                                           // pop  rbx
            /* 50 */ 0x5D,                                           // pop  rbp
            /* 51 */ (byte) 0xC3,                                    // ret
            /* 52 */ (byte) 0xCC, (byte) 0xCC, (byte) 0xCC, (byte) 0xCC, (byte) 0xCC, (byte) 0xCC, (byte) 0xCC,
            /* 59 */ (byte) 0xCC, (byte) 0xCC, (byte) 0xCC, (byte) 0xCC, (byte) 0xCC, (byte) 0xCC, (byte) 0xCC,
                     // int3 padding, never executed
            // trap stub: rdi = vmctx, esi = trap code
            /* 60 */ 0x48, (byte) 0x8B, 0x0F,                        // mov  rcx, [rdi]        ; ExecContext
            /* 63 */ 0x48, (byte) 0x8B, 0x21,                        // mov  rsp, [rcx]        ; unwind to savedSp
            /* 66 */ (byte) 0x89, (byte) 0xF0,                       // mov  eax, esi
            /* 68 */ (byte) 0x85, (byte) 0xC0,                       // test eax, eax
            /* 6a */ (byte) 0xBA, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, // mov edx, 0x7fffffff ; MISSING_CODE
            /* 6f */ 0x0F, 0x44, (byte) 0xC2,                        // cmove eax, edx
            /* 72 */ (byte) 0x89, 0x41, 0x18,                        // mov  [rcx+0x18], eax   ; trapCode
            /* 75 */ (byte) 0xEB, (byte) 0xBF,                       // jmp  0x36              ; done
        };
    }
}

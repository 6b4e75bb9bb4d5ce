package flint.runtime.exec;

/**
 * Hand-encoded x86-64 test functions in the array-call convention (RDI = vmctx, RSI = argument
 * buffer of 16-byte slots), with their Intel-syntax source. Trap paths jump to the trap stub through
 * the execution context: {@code mov rcx, [rdi]} (vmctx word 0) then {@code jmp [rcx+0x20]}.
 */
final class X64 {
    private X64() {}

    private static byte[] bytes(int... values) {
        var bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** slot0 = slot0 + slot1 (i64). */
    static final byte[] ADD_I64 = bytes(
            0x48, 0x8B, 0x06,             // mov  rax, [rsi]
            0x48, 0x03, 0x46, 0x10,       // add  rax, [rsi+0x10]
            0x48, 0x89, 0x06,             // mov  [rsi], rax
            0xC3);                        // ret

    /** Does nothing. */
    static final byte[] RET = bytes(0xC3); // ret

    /** A plain C function {@code int f(void)} returning 0, for calling without the trampoline. */
    static final byte[] RETURN_ZERO = bytes(
            0x31, 0xC0,                   // xor  eax, eax
            0xC3);                        // ret

    /**
     * Calls the host function whose address is in slot 0, giving it the buffer from slot 1 on
     * ({@code argbuf + 16}); traps with the host's status if nonzero.
     */
    static final byte[] CALL_HOST = bytes(
            0x53,                         // 00 push rbx
            0x41, 0x54,                   // 01 push r12
            0x48, 0x83, 0xEC, 0x08,       // 03 sub  rsp, 8            ; 16-byte aligned for the call
            0x48, 0x89, 0xF3,             // 07 mov  rbx, rsi          ; argbuf, kept across the call
            0x49, 0x89, 0xFC,             // 0a mov  r12, rdi          ; vmctx, kept across the call
            0x48, 0x8B, 0x06,             // 0d mov  rax, [rsi]        ; host stub address
            0x48, 0x8D, 0x76, 0x10,       // 10 lea  rsi, [rsi+0x10]   ; host buffer = slots 1..
            0xFF, 0xD0,                   // 14 call rax               ; rdi = vmctx
            0x85, 0xC0,                   // 16 test eax, eax
            0x75, 0x08,                   // 18 jne  0x22
            0x48, 0x83, 0xC4, 0x08,       // 1a add  rsp, 8
            0x41, 0x5C,                   // 1e pop  r12
            0x5B,                         // 20 pop  rbx
            0xC3,                         // 21 ret
            0x4C, 0x89, 0xE7,             // 22 mov  rdi, r12
            0x89, 0xC6,                   // 25 mov  esi, eax          ; trap code = host status
            0x48, 0x8B, 0x0F,             // 27 mov  rcx, [rdi]        ; ExecContext
            0xFF, 0x61, 0x20);            // 2a jmp  [rcx+0x20]        ; trap stub

    /**
     * Clobbers every callee-saved register, unbalances the stack, calls a nested function that
     * opens a 4 KiB frame and traps from there with the code in slot 0.
     */
    static final byte[] CLOBBER_AND_TRAP = bytes(
            0x48, 0xC7, 0xC3, 0xFF, 0xFF, 0xFF, 0xFF, // 00 mov  rbx, -1
            0x48, 0xC7, 0xC5, 0xFF, 0xFF, 0xFF, 0xFF, // 07 mov  rbp, -1
            0x49, 0xC7, 0xC4, 0xFF, 0xFF, 0xFF, 0xFF, // 0e mov  r12, -1
            0x49, 0xC7, 0xC5, 0xFF, 0xFF, 0xFF, 0xFF, // 15 mov  r13, -1
            0x49, 0xC7, 0xC6, 0xFF, 0xFF, 0xFF, 0xFF, // 1c mov  r14, -1
            0x49, 0xC7, 0xC7, 0xFF, 0xFF, 0xFF, 0xFF, // 23 mov  r15, -1
            0x50,                                     // 2a push rax
            0xE8, 0x01, 0x00, 0x00, 0x00,             // 2b call 0x31
            0xCC,                                     // 30 int3                ; never reached
            0x48, 0x81, 0xEC, 0x00, 0x10, 0x00, 0x00, // 31 sub  rsp, 0x1000
            0x8B, 0x36,                               // 38 mov  esi, [rsi]     ; trap code from slot 0
            0x48, 0x8B, 0x07,                         // 3a mov  rax, [rdi]     ; ExecContext
            0xFF, 0x60, 0x20);                        // 3d jmp  [rax+0x20]     ; trap stub

    /**
     * Recurses, counting levels in slot 0, until RSP falls below the stack limit; records that RSP
     * in slot 3; then, if slot 1 holds a host function, calls it (buffer from slot 2) and traps with
     * its nonzero status; otherwise traps with CALL_STACK_EXHAUSTED (12). Each level uses 8 bytes.
     */
    static final byte[] RECURSE_TO_LIMIT = bytes(
            0x48, 0x8B, 0x07,             // 00 rec: mov rax, [rdi]    ; ExecContext
            0x48, 0x3B, 0x60, 0x08,       // 03 cmp  rsp, [rax+8]      ; stack limit
            0x72, 0x09,                   // 07 jb   0x12
            0x48, 0xFF, 0x06,             // 09 inc  qword [rsi]       ; depth
            0xE8, 0xEF, 0xFF, 0xFF, 0xFF, // 0c call rec
            0xC3,                         // 11 ret
            0x48, 0x89, 0x66, 0x30,       // 12 mov  [rsi+0x30], rsp   ; slot 3 = RSP at the limit
            0x48, 0x8B, 0x56, 0x10,       // 16 mov  rdx, [rsi+0x10]   ; slot 1 = host stub or 0
            0x48, 0x85, 0xD2,             // 1a test rdx, rdx
            0x74, 0x14,                   // 1d je   0x33
            0x48, 0x89, 0xFB,             // 1f mov  rbx, rdi          ; keep vmctx
            0x48, 0x83, 0xE4, 0xF0,       // 22 and  rsp, -16
            0x48, 0x8D, 0x76, 0x20,       // 26 lea  rsi, [rsi+0x20]   ; host buffer = slots 2..
            0xFF, 0xD2,                   // 2a call rdx
            0x48, 0x89, 0xDF,             // 2c mov  rdi, rbx
            0x85, 0xC0,                   // 2f test eax, eax
            0x75, 0x05,                   // 31 jne  0x38
            0xB8, 0x0C, 0x00, 0x00, 0x00, // 33 mov  eax, 12           ; CALL_STACK_EXHAUSTED
            0x89, 0xC6,                   // 38 mov  esi, eax
            0x48, 0x8B, 0x0F,             // 3a mov  rcx, [rdi]
            0xFF, 0x61, 0x20);            // 3d jmp  [rcx+0x20]        ; trap stub

    /** Spins until the interrupt flag is raised, then traps with INTERRUPTED (14). */
    static final byte[] SPIN_UNTIL_INTERRUPTED = bytes(
            0x48, 0x8B, 0x07,             // 00 mov  rax, [rdi]        ; ExecContext
            0xF3, 0x90,                   // 03 pause
            0x83, 0x78, 0x1C, 0x00,       // 05 cmp  dword [rax+0x1c], 0 ; interrupt flag
            0x74, 0xF8,                   // 09 je   0x03
            0xBE, 0x0E, 0x00, 0x00, 0x00, // 0b mov  esi, 14           ; INTERRUPTED
            0xFF, 0x60, 0x20);            // 10 jmp  [rax+0x20]        ; trap stub

    /** Jumps to the trap stub with code 0: a compiler bug the stub must not read as success. */
    static final byte[] TRAP_WITHOUT_CODE = bytes(
            0x31, 0xF6,                   // xor  esi, esi
            0x48, 0x8B, 0x07,             // mov  rax, [rdi]
            0xFF, 0x60, 0x20);            // jmp  [rax+0x20]

    /** {@code movabs rax, imm64 ; mov [rsi], rax ; ret}: the immediate is at offset 2, for patching. */
    static final byte[] STORE_IMM64 = bytes(
            0x48, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, // movabs rax, 0 (patched)
            0x48, 0x89, 0x06,                   // mov  [rsi], rax
            0xC3);                              // ret
}

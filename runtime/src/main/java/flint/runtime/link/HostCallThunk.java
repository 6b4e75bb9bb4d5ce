package flint.runtime.link;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import flint.compiler.Abi;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Mem;
import flint.compiler.x64.asm.Size;
import flint.runtime.exec.CodeMemory;
import flint.runtime.exec.ExecContext;
import flint.runtime.exec.VmContext;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * How generated code calls a host (Java) function: through an ordinary imported-function entry
 * whose code is this one process-wide thunk and whose vmctx is a <em>host record</em>, so the call
 * site is the same whether the import is Java or another instance's Wasm.
 *
 * <p>A host record (32 bytes, one per host import of an instance):
 * <pre>
 *  0  execution context   like word 0 of a vmctx, so the record can stand in for one at the trap stub
 *  8  upcall stub         int32 host(void *vmctx, void *argbuf), from HostUpcalls
 * 16  caller vmctx        the importing instance, handed to the host function
 * 24  reserved
 * </pre>
 *
 * <p>The thunk is entered in the Wasm convention (R14 = the record, the call area above the
 * return address). That area already has the argument-buffer layout, so it goes to Java in place:
 * <pre>
 * push rbp ; mov rbp, rsp                 ; RSP ≡ 0 (mod 16), as System V wants at the call
 * mov  rdi, [r14 + 16]                    ; caller vmctx
 * lea  rsi, [rbp + 16]                    ; the caller's call area = the argument buffer
 * call [r14 + 8]                          ; the upcall stub; preserves RBX, RBP, R12-R15
 * test eax, eax ; jne trap
 * pop  rbp ; ret                          ; results are in the call area
 * trap: mov esi, eax ; mov rdi, r14 ; mov rax, [r14] ; jmp [rax + 32]
 * </pre>
 * The caller has spilled everything a call clobbers (the Wasm convention), so nothing else is
 * saved. The caller reserved {@code max(params, results)} slots, exactly the buffer the stub was
 * made for.
 */
public final class HostCallThunk {

    public static final long RECORD_EXEC_CONTEXT = 0;
    public static final long RECORD_STUB = 8;
    public static final long RECORD_CALLER_VMCTX = 16;
    public static final long RECORD_SIZE = 32;

    static {
        if (RECORD_EXEC_CONTEXT != VmContext.EXEC_CONTEXT) {
            throw new AssertionError("a host record must start like a vmctx");
        }
    }

    private HostCallThunk() {}

    private static final class Code {
        // never closed: records in any store point at it for the life of the process
        static final CodeMemory MEMORY = CodeMemory.load(assemble());
    }

    /** The thunk's address, the {@code code} of every host function's import entry. */
    public static long address() {
        return Code.MEMORY.address();
    }

    /**
     * A host record in {@code arena} for a call from {@code callerVmctx} to the host function whose
     * upcall stub is {@code stub}.
     */
    public static MemorySegment allocateRecord(Arena arena, ExecContext exec, MemorySegment stub, MemorySegment callerVmctx) {
        var record = arena.allocate(RECORD_SIZE, 16);
        record.set(JAVA_LONG, RECORD_EXEC_CONTEXT, exec.address());
        record.set(JAVA_LONG, RECORD_STUB, stub.address());
        record.set(JAVA_LONG, RECORD_CALLER_VMCTX, callerVmctx.address());
        return record;
    }

    static byte[] assemble() {
        var asm = new Assembler();
        var trap = asm.newLabel();
        asm.push(Gpr.RBP);
        asm.mov(Size.S64, Gpr.RBP, Gpr.RSP);
        asm.mov(Size.S64, Gpr.RDI, Mem.of(Abi.VMCTX, (int) RECORD_CALLER_VMCTX));
        asm.lea(Size.S64, Gpr.RSI, Mem.of(Gpr.RBP, Abi.INCOMING_SLOTS));
        asm.call(Mem.of(Abi.VMCTX, (int) RECORD_STUB));
        asm.test(Size.S32, Gpr.RAX, Gpr.RAX);
        asm.jcc(Cond.NE, trap);
        asm.pop(Gpr.RBP);
        asm.ret();
        asm.bind(trap);
        asm.mov(Size.S32, Abi.TRAP_CODE, Gpr.RAX);
        asm.mov(Size.S64, Abi.TRAP_VMCTX, Abi.VMCTX);
        asm.mov(Size.S64, Gpr.RAX, Mem.of(Abi.VMCTX, Abi.VMCTX_EXEC_CONTEXT));
        asm.jmp(Mem.of(Gpr.RAX, Abi.EXEC_TRAP_STUB));
        return asm.finish();
    }
}

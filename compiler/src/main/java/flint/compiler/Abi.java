package flint.compiler;

import flint.compiler.x64.asm.Gpr;
import flint.wasm.model.FuncType;
import java.util.List;

/**
 * The native ABI between generated code and the runtime, as constants: registers, the call area,
 * the frame, and the fixed offsets of the execution context and the vmctx. The per-module part of
 * the vmctx is {@link VmctxLayout}. {@code runtime/README.md} ("Native ABI") is the prose version;
 * the runtime's tests check that its structs agree with these numbers.
 *
 * <h2>Wasm-to-Wasm calls</h2>
 * Every parameter and result travels in a 16-byte <em>slot</em> of a call area at the bottom of the
 * caller's frame: slot {@code i} at {@code [rsp + 16*i]} when the {@code call} executes, so at
 * {@code [rbp + 16 + 16*i]} in the callee once it has pushed RBP. Parameters fill slots
 * {@code 0..n-1}; before returning the callee overwrites slots {@code 0..m-1} with the results; the
 * area has {@code max(n, m)} slots ({@link #callSlots}). This is the {@code ArgBuffer} layout of the
 * entry and host-call conventions, placed on the stack, so every boundary (Java entry, Wasm call,
 * host call) moves values the same way and the host-call thunk passes the area to Java in place.
 * A value occupies the low bytes of its slot (4 for i32/f32, 8 for i64/f64/references, 16 for
 * v128); readers ignore the rest.
 *
 * <p>Why slots rather than registers: a one-pass compiler spills its value stack at a call anyway,
 * so writing the arguments to memory costs little; any number of parameters and results
 * (multi-value) needs no second scheme; the callee uses its incoming slots as the home of its
 * parameter locals with no copying; and results come back through the same slots.
 *
 * <h2>Registers</h2>
 * <ul>
 *   <li>{@link #VMCTX} (R14) holds the function's vmctx on entry and throughout its body. Calls to
 *       functions of the same module preserve it. A call through an imported-function entry
 *       switches it to the callee's vmctx, so afterwards the caller reloads it from
 *       {@code [rbp + FRAME_VMCTX]}.
 *   <li>{@link #MEMORY_BASE} (R15) is reserved for the base of memory 0 (which never moves).
 *       Functions of a module that has a memory load it in their prologue; after a call through an
 *       imported-function entry the caller reloads it from {@code [r14 + MEMORY0_BASE]}. Code of a
 *       module without memory never touches it.
 *   <li>RBP is the frame pointer, preserved by every function. RSP is 16-byte aligned at every
 *       {@code call}.
 *   <li>Every other general-purpose register ({@link #CLOBBERED_BY_CALLS}) and every XMM register
 *       is clobbered by a call: a baseline compiler spills its live values before calling anyway,
 *       and a callee never has to save a register it uses.
 * </ul>
 *
 * <h2>Traps</h2>
 * Jump to the trap stub with RDI = a vmctx of the store and ESI = a {@link WasmTrap#code()}:
 * {@code mov esi, code; mov rdi, r14; mov rax, [r14]; jmp [rax + EXEC_TRAP_STUB]}, or
 * {@code call}/{@code jmp} through the {@link RuntimeHelper#TRAP} relocation. The stub drops every
 * Wasm frame at once; nothing is unwound, no register needs restoring.
 */
public final class Abi {

    private Abi() {}

    /** Version of this contract; bump it when generated code must change. */
    public static final int VERSION = 1;

    // ---------------------------------------------------------------- registers

    /** The vmctx of the running function's instance. */
    public static final Gpr VMCTX = Gpr.R14;
    /** The base address of memory 0, in modules that have one. */
    public static final Gpr MEMORY_BASE = Gpr.R15;
    /** The frame pointer; {@code [rbp + FRAME_VMCTX]} holds the vmctx. */
    public static final Gpr FRAME_POINTER = Gpr.RBP;

    /** The registers a Wasm call preserves (besides RSP). */
    public static final List<Gpr> PRESERVED_ACROSS_CALLS = List.of(Gpr.RBP, Gpr.R14, Gpr.R15);

    /**
     * The general-purpose registers a Wasm call may change: all a function may allocate. (All XMM
     * registers are clobbered too.)
     */
    public static final List<Gpr> CLOBBERED_BY_CALLS = List.of(Gpr.RAX, Gpr.RCX, Gpr.RDX, Gpr.RBX, Gpr.RSI,
            Gpr.RDI, Gpr.R8, Gpr.R9, Gpr.R10, Gpr.R11, Gpr.R12, Gpr.R13);

    /** Where the trap stub expects a vmctx of the store (any instance's, or a host record). */
    public static final Gpr TRAP_VMCTX = Gpr.RDI;
    /** Where the trap stub expects the {@link WasmTrap#code()}. */
    public static final Gpr TRAP_CODE = Gpr.RSI;

    // ---------------------------------------------------------------- call area and frame

    /** RSP is a multiple of this at every {@code call}. */
    public static final int STACK_ALIGNMENT = 16;
    /** One parameter or result. */
    public static final int SLOT_SIZE = 16;
    /** RBP-relative offset of the vmctx, stored there by every prologue. */
    public static final int FRAME_VMCTX = -8;
    /**
     * The smallest frame (bytes below the saved RBP): the vmctx word, rounded up to the stack
     * alignment. Frames are multiples of {@link #STACK_ALIGNMENT}.
     */
    public static final int MIN_FRAME_SIZE = 16;
    /** RBP-relative offset of incoming slot 0 (above the saved RBP and the return address). */
    public static final int INCOMING_SLOTS = 16;

    /** The slots a call with signature {@code type} uses: {@code max(params, results)}. */
    public static int callSlots(FuncType type) {
        return Math.max(type.params().size(), type.results().size());
    }

    /** The bytes of the call area for {@code type}; a multiple of the stack alignment. */
    public static int callAreaSize(FuncType type) {
        return callSlots(type) * SLOT_SIZE;
    }

    /** RBP-relative offset of incoming slot {@code i} (parameter or result {@code i}). */
    public static int incomingSlot(int i) {
        return INCOMING_SLOTS + i * SLOT_SIZE;
    }

    /** RSP-relative offset, at the call, of outgoing slot {@code i}. */
    public static int outgoingSlot(int i) {
        return i * SLOT_SIZE;
    }

    // ---------------------------------------------------------------- execution context

    /** Offset of the stack limit in the execution context: prologues trap below it. */
    public static final int EXEC_STACK_LIMIT = 8;
    /** Offset of the u32 interrupt flag in the execution context: nonzero means trap. */
    public static final int EXEC_INTERRUPT = 28;
    /** Offset of the trap stub's address in the execution context. */
    public static final int EXEC_TRAP_STUB = 32;

    // ---------------------------------------------------------------- vmctx (fixed part)

    /** Word 0 of every vmctx: the store's execution context. */
    public static final int VMCTX_EXEC_CONTEXT = 0;
    /** Where the memory records start: memory {@code i} at {@code VMCTX_MEMORIES + 16*i}. */
    public static final int VMCTX_MEMORIES = 16;
    /** A memory record: {@code {u64 base; u64 byteLength}}, kept current by the runtime. */
    public static final int MEMORY_RECORD_SIZE = 16;
    public static final int MEMORY_BASE_FIELD = 0;
    public static final int MEMORY_LENGTH_FIELD = 8;
    /** vmctx offset of memory 0's base (valid when the module has a memory). */
    public static final int MEMORY0_BASE = VMCTX_MEMORIES + MEMORY_BASE_FIELD;
    /** vmctx offset of memory 0's current byte length. */
    public static final int MEMORY0_LENGTH = VMCTX_MEMORIES + MEMORY_LENGTH_FIELD;

    /**
     * A function record: {@code {u64 code; u64 vmctx; u32 typeId; u32 reserved}}, one per function
     * of the index space in the vmctx ({@link VmctxLayout#function}), and what a {@code funcref}
     * points to (0 is null): table elements and {@code ref.func} values are addresses of records.
     * Call one with {@code mov rax, [rec + FUNC_ENTRY_CODE]; mov r14, [rec + FUNC_ENTRY_VMCTX];
     * call rax}. For a host function, {@code code} is the runtime's host-call thunk and
     * {@code vmctx} a host record; generated code cannot tell the difference. {@code typeId} is
     * the store's canonical id of the function's type, so {@code call_indirect} checks a signature
     * with one compare against {@link VmctxLayout#typeId} even across instances.
     */
    public static final int FUNC_ENTRY_SIZE = 24;
    public static final int FUNC_ENTRY_CODE = 0;
    public static final int FUNC_ENTRY_VMCTX = 8;
    public static final int FUNC_ENTRY_TYPE_ID = 16;

    /**
     * A table definition, pointed to by the vmctx of every instance that has the table:
     * {@code {u64 base; u64 length}}: the element array (8 bytes per element: a function record's
     * address or an externref handle, 0 for null) and its length in elements. Growing may move
     * the array, so code reloads {@code base} after anything that can grow a table.
     */
    public static final int TABLE_DEFINITION_SIZE = 16;
    public static final int TABLE_BASE_FIELD = 0;
    public static final int TABLE_LENGTH_FIELD = 8;
    /** Bytes per table element. */
    public static final int TABLE_ELEMENT_SIZE = 8;
}

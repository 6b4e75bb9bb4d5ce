package flint.compiler.x64;

import flint.compiler.Abi;
import flint.compiler.AbiSequences;
import flint.compiler.CompiledModuleBuilder;
import flint.compiler.WasmTrap;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Label;
import flint.compiler.x64.asm.Mem;
import flint.compiler.x64.asm.Size;
import java.util.EnumMap;
import java.util.Map;

/**
 * The out-of-line trap paths of one function: one stub per trap kind, emitted after the body.
 * Every trapping condition is a compare and a branch here (no signals), and every branch is
 * recorded as a {@link flint.compiler.TrapSite}.
 */
public final class TrapStubs {
    private final CompiledModuleBuilder builder;
    private final Assembler asm;
    private final Map<WasmTrap, Label> labels = new EnumMap<>(WasmTrap.class);
    /** The stub that traps with a code computed at run time (a helper's status), if used. */
    private Label statusLabel;
    private Gpr statusRegister;

    public TrapStubs(CompiledModuleBuilder builder) {
        this.builder = builder;
        this.asm = builder.asm();
    }

    /** The stub of {@code trap}. */
    public Label label(WasmTrap trap) {
        return labels.computeIfAbsent(trap, t -> asm.newLabel());
    }

    /** Branches to the stub of {@code trap} when {@code cond} holds. */
    public void branch(Cond cond, WasmTrap trap) {
        builder.trapSite(asm.position(), trap);
        asm.jcc(cond, label(trap));
    }

    /** Jumps to the stub of {@code trap} unconditionally. */
    public void jump(WasmTrap trap) {
        builder.trapSite(asm.position(), trap);
        asm.jmp(label(trap));
    }

    /**
     * Branches to the status stub when the 32-bit {@code status} (a runtime helper's result) is
     * not zero: the stub traps with the status as the trap code. {@code likely} is only for the
     * trap-site report.
     */
    public void branchOnStatus(Gpr status, WasmTrap likely) {
        if (statusLabel == null) statusLabel = asm.newLabel();
        statusRegister = status;
        asm.test(Size.S32, status, status);
        builder.trapSite(asm.position(), likely);
        asm.jcc(Cond.NE, statusLabel);
    }

    /** Emits the stubs used so far. */
    public void emit() {
        for (var entry : labels.entrySet()) {
            asm.bind(entry.getValue());
            AbiSequences.trap(asm, entry.getKey());
        }
        labels.clear();
        if (statusLabel != null) {
            // The Abi's trap sequence with the code from a register: mov esi, status first, as the
            // sequence then uses RAX.
            asm.bind(statusLabel);
            asm.mov(Size.S32, Abi.TRAP_CODE, statusRegister);
            asm.mov(Size.S64, Abi.TRAP_VMCTX, Abi.VMCTX);
            asm.mov(Size.S64, Gpr.RAX, Mem.of(Abi.VMCTX, Abi.VMCTX_EXEC_CONTEXT));
            asm.jmp(Mem.of(Gpr.RAX, Abi.EXEC_TRAP_STUB));
            statusLabel = null;
        }
    }
}

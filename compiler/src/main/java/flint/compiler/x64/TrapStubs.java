package flint.compiler.x64;

import flint.compiler.AbiSequences;
import flint.compiler.CompiledModuleBuilder;
import flint.compiler.WasmTrap;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.Label;
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

    /** Emits the stubs used so far. */
    public void emit() {
        for (var entry : labels.entrySet()) {
            asm.bind(entry.getValue());
            AbiSequences.trap(asm, entry.getKey());
        }
        labels.clear();
    }
}

package flint.harness.shrink;

import flint.harness.engine.Engine;
import flint.harness.engine.Imports;
import flint.harness.engine.Instance;
import flint.harness.engine.chicory.ChicoryEngine;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;

/**
 * A broken engine for tests: the reference interpreter, but every {@code i32.add} runs as
 * {@code i32.sub}, as a miscompiled add would. It diverges from Chicory exactly where an add with
 * a non-zero second operand decides a result, which gives the shrinker a real target.
 */
public final class MiscomputingEngine implements Engine {
    public static final String NAME = "miscomputing";

    private final ChicoryEngine delegate = new ChicoryEngine();

    @Override public String name() { return NAME; }

    @Override public Instance instantiate(byte[] module, Imports imports) {
        var decoded = ModuleDecoder.decode(module);
        var broken = Modules.mapCodes(decoded, code -> code.withInstructions(code.instructions().stream()
                .map(i -> i.opcode() == Opcode.I32_ADD ? (Instruction) new Instruction.Plain(Opcode.I32_SUB) : i)
                .toList()));
        return delegate.instantiate(ModuleEncoder.encode(broken), imports);
    }
}

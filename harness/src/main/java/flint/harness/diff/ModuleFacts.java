package flint.harness.diff;

import flint.wasm.binary.CodeReader;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.model.BlockType;
import flint.wasm.model.DataSegment;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.WasmModule;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a (minimized) module contains, as far as recognising a known reference bug needs: the
 * opcodes its bodies use and a few shapes the opcodes alone do not show.
 *
 * @param blockParameters a block, loop or if takes parameters
 * @param activeData the module has an active data segment
 */
public record ModuleFacts(Set<Opcode> opcodes, boolean blockParameters, boolean activeData) {

    public static ModuleFacts of(byte[] module) {
        return of(ModuleDecoder.decode(module));
    }

    public static ModuleFacts of(WasmModule module) {
        var opcodes = EnumSet.noneOf(Opcode.class);
        boolean blockParameters = false;
        for (var body : module.codes()) {
            var reader = new CodeReader(body);
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case Instruction.Block b -> {
                        opcodes.add(b.opcode());
                        blockParameters |= b.type() instanceof BlockType.TypeIndex(int index)
                                && index < module.types().size() && !module.types().get(index).params().isEmpty();
                    }
                    case Instruction.RefNull r -> opcodes.add(Opcode.REF_NULL);
                    case Instruction.Plain p -> opcodes.add(p.opcode());
                    case Instruction.Indexed i -> opcodes.add(i.opcode());
                    case Instruction.TwoIndex t -> opcodes.add(t.opcode());
                    case Instruction.Memory m -> opcodes.add(m.opcode());
                    case Instruction.MemoryLane m -> opcodes.add(m.opcode());
                    default -> { }
                }
            }
        }
        boolean activeData = module.data().stream().anyMatch(d -> d.mode() instanceof DataSegment.Active);
        return new ModuleFacts(Set.copyOf(opcodes), blockParameters, activeData);
    }

    public boolean uses(Opcode... any) {
        for (var op : any) if (opcodes.contains(op)) return true;
        return false;
    }

    /** Whether the code loads or stores through a memory argument. */
    public boolean accessesMemory() {
        return opcodes.stream().anyMatch(op -> op.immediate() == flint.wasm.model.Immediate.MEMARG);
    }
}

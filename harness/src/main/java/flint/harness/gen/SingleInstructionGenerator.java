package flint.harness.gen;

import flint.wasm.binary.ModuleBuilder;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.BlockType;
import flint.wasm.model.FuncType;
import flint.wasm.model.Immediate;
import flint.wasm.model.Instruction;
import flint.wasm.model.Limits;
import flint.wasm.model.MemArg;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-instruction mode: one exported function per instruction with a fixed signature,
 * named after its mnemonic, whose parameters are the instruction's operands. The caller (the
 * oracle) feeds them boundary values from {@link InterestingValues#arguments}, so each instruction
 * is tested alone at its edges. Memory instructions take the address as a parameter and access a
 * one-page memory whose first bytes are a known pattern; immediates (lanes, shuffles, offsets,
 * alignment) are drawn from the entropy.
 */
public final class SingleInstructionGenerator {
    private final Entropy entropy;
    private final GenConfig config;

    public SingleInstructionGenerator(Entropy entropy, GenConfig config) {
        this.entropy = entropy;
        this.config = config;
    }

    public GeneratedModule generate() {
        var b = new ModuleBuilder();
        b.memory(Limits.of(1, 2));
        var pattern = new byte[64];
        for (int i = 0; i < pattern.length; i++) pattern[i] = (byte) (i * 37 + 11);
        b.activeData(0, flint.wasm.model.ConstExpr.i32(0), pattern);
        var values = new InterestingValues(entropy);
        for (var info : OpCatalog.all()) {
            if (!config.has(info.feature()) || !info.fixedSignature()) continue;
            var op = info.op();
            if (op == Opcode.NOP || op == Opcode.DATA_DROP || op == Opcode.ELEM_DROP) continue;
            var code = new ArrayList<Instruction>();
            for (int i = 0; i < info.params().size(); i++) code.add(Instruction.localGet(i));
            code.add(switch (op.immediate()) {
                case NONE -> new Instruction.Plain(op);
                case MEMORY -> Instruction.indexed(op, 0);
                case MEMARG -> new Instruction.Memory(op, memArg(op));
                case MEMARG_LANE -> new Instruction.MemoryLane(op, memArg(op), entropy.nextInt(op.laneCount()));
                case LANE -> Instruction.indexed(op, entropy.nextInt(op.laneCount()));
                case I32 -> Instruction.i32(values.int32());
                case I64 -> Instruction.i64(values.int64());
                case F32 -> new Instruction.F32Const(values.f32Bits());
                case F64 -> new Instruction.F64Const(values.f64Bits());
                case V128 -> {
                    var v = values.v128();
                    yield new Instruction.V128Const(v[0], v[1]);
                }
                case SHUFFLE -> {
                    var lanes = new byte[16];
                    for (int i = 0; i < 16; i++) lanes[i] = (byte) entropy.nextInt(32);
                    yield new Instruction.Shuffle(lanes);
                }
                default -> throw new IllegalStateException("unexpected immediates of " + op);
            });
            if (info.nanNondeterministic() && config.canonicalizeNaNs()) canonicalize(info, info.params().size(), code);
            int f = b.function(FuncType.of(info.params(), info.results()),
                    info.nanNondeterministic() && config.canonicalizeNaNs() ? List.of(info.results().getFirst()) : List.of(), code);
            b.exportFunction(op.mnemonic(), f);
        }
        b.exportMemory("mem", 0);
        var module = b.build();
        return new GeneratedModule(module, ModuleEncoder.encode(module));
    }

    private MemArg memArg(Opcode op) {
        long offset = switch (entropy.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 65536 - op.size();
            default -> entropy.between(0, 64);
        };
        return new MemArg(entropy.between(0, op.naturalAlignment()), offset, 0);
    }

    /** The result, with any NaN made canonical (the diamond form; the builder also uses select). */
    private static void canonicalize(OpInfo info, int tmp, List<Instruction> code) {
        var t = info.results().getFirst();
        code.add(Instruction.indexed(Opcode.LOCAL_TEE, tmp));
        if (t == VecType.V128) {
            boolean f32 = info.op().mnemonic().startsWith("f32x4");
            long canon = f32 ? 0x7FC0_0000_7FC0_0000L : 0x7FF8_0000_0000_0000L;
            code.add(new Instruction.V128Const(canon, canon));
            code.add(Instruction.localGet(tmp));
            code.add(Instruction.localGet(tmp));
            code.add(Instruction.plain(f32 ? Opcode.F32X4_EQ : Opcode.F64X2_EQ));
            code.add(Instruction.plain(Opcode.V128_BITSELECT));
            return;
        }
        boolean f32 = t == NumType.F32;
        code.add(Instruction.localGet(tmp));
        code.add(Instruction.plain(f32 ? Opcode.F32_NE : Opcode.F64_NE));
        code.add(new Instruction.Block(Opcode.IF, BlockType.of(t)));
        code.add(f32 ? new Instruction.F32Const(0x7FC0_0000) : new Instruction.F64Const(0x7FF8_0000_0000_0000L));
        code.add(Instruction.plain(Opcode.ELSE));
        code.add(Instruction.localGet(tmp));
        code.add(Instruction.plain(Opcode.END));
    }

}

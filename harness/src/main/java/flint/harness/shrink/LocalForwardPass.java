package flint.harness.shrink;

import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.WasmModule;
import flint.wasm.validate.Validator;
import java.util.ArrayList;
import java.util.BitSet;

/**
 * Forwards a local that is set once and read once: the subexpression stored by the
 * {@code local.set} moves to where the {@code local.get} was, and both go ({@code (local.set $x
 * (i64.lt_s ...)) ... (local.get $x)} becomes {@code ... (i64.lt_s ...)}). The move changes when
 * the subexpression runs, which the predicate judges; subexpressions with branches or blocks stay
 * where they are (their labels would change meaning). One local at a time.
 */
record LocalForwardPass() implements ShrinkPass.OnModule {
    @Override public String name() { return "forward locals"; }

    @Override public WasmModule run(WasmModule module, Candidates candidates) {
        for (int p = 0; p < module.codes().size() && !candidates.exhausted(); p++) {
            int params = Retyping.params(module, p);
            int local = params;
            while (!candidates.exhausted()) {
                var code = Code.decode(module.codes().get(p));
                if (local >= params + code.locals().size()) break;
                WasmModule candidate = forwarded(module, p, code, local);
                if (candidate != null && candidates.test(candidate)) module = candidate; // the local stays, unused, for LocalPass
                local++;
            }
        }
        return module;
    }

    private static WasmModule forwarded(WasmModule module, int p, Code code, int local) {
        var insns = code.instructions();
        int set = -1;
        int get = -1;
        for (int i = 0; i < insns.size(); i++) {
            if (!(insns.get(i) instanceof Instruction.Indexed x) || x.index() != local) continue;
            switch (x.opcode()) {
                case LOCAL_SET -> { if (set >= 0) return null; set = i; }
                case LOCAL_GET -> { if (get >= 0) return null; get = i; }
                case LOCAL_TEE -> { return null; }
                default -> { }
            }
        }
        if (set < 0 || get < set) return null;
        var ctx = Validator.validateModule(module);
        var operands = BodyAnalysis.of(ctx, ctx.importedFunctionCount() + p, code).operands().get(set);
        if (operands == null || operands.size() != 1 || !operands.getFirst().known()) return null;
        BitSet value = operands.getFirst().positions();
        var moved = new ArrayList<Instruction>();
        for (int i = value.nextSetBit(0); i >= 0; i = value.nextSetBit(i + 1)) {
            if (!straight(insns.get(i).opcode())) return null;
            moved.add(insns.get(i));
        }
        var edits = new Retyping.Edits();
        edits.remove(value);
        edits.remove(bit(set));
        edits.remove(bit(get));
        edits.before(get, moved);
        return BodyPass.replaced(module, p, code.withInstructions(edits.apply(insns)));
    }

    private static BitSet bit(int i) {
        var b = new BitSet();
        b.set(i);
        return b;
    }

    /** Whether an instruction can move to another place in the body without changing what its labels mean. */
    private static boolean straight(Opcode op) {
        return switch (op) {
            case BLOCK, LOOP, IF, ELSE, END, TRY_TABLE, BR, BR_IF, BR_TABLE, BR_ON_NULL, BR_ON_NON_NULL, RETURN,
                 RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF, UNREACHABLE, THROW, THROW_REF -> false;
            default -> true;
        };
    }
}

package flint.harness.gen;

import flint.wasm.binary.CodeReader;
import flint.wasm.binary.CodeWriter;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.Export;
import flint.wasm.model.ExternKind;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.Instruction;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Mutation mode: starts from an existing valid module and applies mutations that keep it valid
 * by construction, never by trial and error:
 * <ul>
 *   <li>replace a constant by an edge-biased one of the same type;</li>
 *   <li>swap two adjacent {@code local.get}s (or constants) of the same type: the stack types do not change;</li>
 *   <li>replace a constant by a generated expression of the same type (operands are constants,
 *       operations are pure, so it pushes exactly one value of that type wherever it stands);</li>
 *   <li>duplicate a function (appended, so no index moves) and export the copy.</li>
 * </ul>
 * Bodies are re-encoded instruction by instruction; everything else is kept as decoded.
 */
public final class Mutator {
    private final Entropy entropy;
    private final InterestingValues values;
    private final OpCatalog catalog;
    private final boolean canonicalNaNs;

    public Mutator(Entropy entropy, GenConfig config) {
        this.entropy = entropy;
        this.canonicalNaNs = config.canonicalizeNaNs();
        this.values = new InterestingValues(entropy);
        this.catalog = OpCatalog.of(config.features());
    }

    public enum Mutation { REPLACE_CONSTANT, SWAP_OPERANDS, INSERT_EXPRESSION, DUPLICATE_FUNCTION }

    /** Applies {@code count} mutations (each picked at random; one that finds nothing to change is skipped). */
    public WasmModule mutate(WasmModule module, int count) {
        var codes = new ArrayList<List<Instruction>>();
        for (var body : module.codes()) codes.add(decode(body));
        var functions = new ArrayList<>(module.functions());
        var bodies = new ArrayList<>(module.codes());
        var exports = new ArrayList<>(module.exports());
        for (int i = 0; i < count && !codes.isEmpty(); i++) {
            int f = entropy.nextInt(codes.size());
            var code = codes.get(f);
            switch (Mutation.values()[entropy.nextInt(Mutation.values().length)]) {
                case REPLACE_CONSTANT -> at(constants(code), k -> code.set(k, constant(code.get(k).opcode())));
                case SWAP_OPERANDS -> at(swappable(localTypes(module, functions.get(f), bodies.get(f)), code), k -> {
                    var a = code.get(k);
                    code.set(k, code.get(k + 1));
                    code.set(k + 1, a);
                });
                case INSERT_EXPRESSION -> at(constants(code), k -> {
                    var expr = new ArrayList<Instruction>();
                    expression(resultType(code.get(k).opcode()), 0, expr);
                    code.remove(k);
                    code.addAll(k, expr);
                });
                case DUPLICATE_FUNCTION -> {
                    functions.add(functions.get(f));
                    codes.add(new ArrayList<>(code));
                    bodies.add(bodies.get(f));
                    int index = module.importedFunctionCount() + functions.size() - 1;
                    exports.add(new Export(uniqueName(exports, "dup" + index), ExternKind.FUNC, index));
                }
            }
        }
        var newBodies = new ArrayList<FunctionBody>();
        for (int i = 0; i < codes.size(); i++) {
            var code = new ArrayList<>(codes.get(i));
            code.add(Instruction.END);
            newBodies.add(new FunctionBody(bodies.get(i).locals(), CodeWriter.encode(code), 0));
        }
        return new WasmModule(module.types(), module.imports(), functions, module.tables(), module.memories(),
                module.tags(), module.globals(), exports, module.start(), module.elements(), module.dataCount(),
                newBodies, module.data(), module.customs());
    }

    public GeneratedModule mutate(byte[] wasm, int count) {
        var mutated = mutate(flint.wasm.binary.ModuleDecoder.decode(wasm), count);
        return new GeneratedModule(mutated, ModuleEncoder.encode(mutated));
    }

    private static List<Instruction> decode(FunctionBody body) {
        var out = new ArrayList<Instruction>();
        var reader = new CodeReader(body);
        while (reader.hasNext()) out.add(reader.next());
        out.removeLast(); // the function's final end
        return out;
    }

    private void at(List<Integer> candidates, java.util.function.IntConsumer change) {
        if (!candidates.isEmpty()) change.accept(entropy.pick(candidates));
    }

    private static boolean isConstant(Opcode op) {
        return op == Opcode.I32_CONST || op == Opcode.I64_CONST || op == Opcode.F32_CONST || op == Opcode.F64_CONST;
    }

    private static List<Integer> constants(List<Instruction> code) {
        var out = new ArrayList<Integer>();
        for (int i = 0; i < code.size(); i++) if (isConstant(code.get(i).opcode())) out.add(i);
        return out;
    }

    /** Positions k where code[k] and code[k+1] push values of the same type with no side effects. */
    private static List<Integer> swappable(List<ValType> locals, List<Instruction> code) {
        var out = new ArrayList<Integer>();
        for (int i = 0; i + 1 < code.size(); i++) {
            var a = pushedType(code.get(i), locals);
            if (a != null && a.equals(pushedType(code.get(i + 1), locals)) && !code.get(i).equals(code.get(i + 1))) out.add(i);
        }
        return out;
    }

    private static ValType pushedType(Instruction insn, List<ValType> locals) {
        if (insn instanceof Instruction.Indexed(var op, var index) && op == Opcode.LOCAL_GET) return locals.get(index);
        return isConstant(insn.opcode()) ? resultType(insn.opcode()) : null;
    }

    private static List<ValType> localTypes(WasmModule module, int typeIndex, FunctionBody body) {
        var types = new ArrayList<>(module.types().get(typeIndex).params());
        for (var g : body.locals()) for (long i = 0; i < g.count(); i++) types.add(g.type());
        return types;
    }

    private static ValType resultType(Opcode constant) {
        return OpCatalog.info(constant).results().getFirst();
    }

    private Instruction constant(Opcode op) {
        return switch (op) {
            case I32_CONST -> Instruction.i32(values.int32());
            case I64_CONST -> Instruction.i64(values.int64());
            case F32_CONST -> new Instruction.F32Const(values.f32Bits());
            default -> new Instruction.F64Const(values.f64Bits());
        };
    }

    /**
     * An expression of type {@code t}: constants combined by numeric operations (which may trap).
     * With NaN canonicalization on, operations with nondeterministic NaN results are left out, so
     * the mutant stays bit-for-bit comparable.
     */
    private void expression(ValType t, int depth, List<Instruction> out) {
        var ops = catalog.producing(t).stream().filter(o -> o.op().immediate() == flint.wasm.model.Immediate.NONE
                && o.params().stream().allMatch(p -> p instanceof flint.wasm.model.NumType)
                && !(canonicalNaNs && o.nanNondeterministic())).toList();
        if (depth >= 2 || ops.isEmpty() || entropy.chance(300)) {
            out.add(constant(switch ((flint.wasm.model.NumType) t) {
                case I32 -> Opcode.I32_CONST;
                case I64 -> Opcode.I64_CONST;
                case F32 -> Opcode.F32_CONST;
                case F64 -> Opcode.F64_CONST;
            }));
            return;
        }
        var op = entropy.pick(ops);
        for (var p : op.params()) expression(p, depth + 1, out);
        out.add(Instruction.plain(op.op()));
    }

    private static String uniqueName(List<Export> exports, String base) {
        var names = new HashSet<String>();
        for (var e : exports) names.add(e.name());
        String name = base;
        for (int i = 1; names.contains(name); i++) name = base + "_" + i;
        return name;
    }
}

package flint.harness.gen;

import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.AbsHeapType;
import flint.wasm.model.ConstExpr;
import flint.wasm.model.ElementSegment;
import flint.wasm.model.Export;
import flint.wasm.model.ExternKind;
import flint.wasm.model.FuncType;
import flint.wasm.model.GlobalType;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.Instruction;
import flint.wasm.model.Limits;
import flint.wasm.model.MemoryType;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.RefType;
import flint.wasm.model.TableType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import flint.wasm.model.WasmModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generates whole modules: types (multi-value), host-function imports, functions with many locals,
 * globals with constant initializers, one memory with active and passive data, tables with
 * active and passive element segments, and exports of everything. Bodies come from
 * {@link CodeBuilder}. Every choice is drawn from the {@link Entropy}, so the entropy source alone
 * reproduces the module.
 *
 * <p>With upstream modules ({@link #generateProgram}) a module also imports functions, the memory,
 * a table and globals that earlier modules export.
 */
public final class ModuleGenerator {
    private static final RefType NON_NULL_FUNC = new RefType(false, AbsHeapType.FUNC);

    private final Entropy entropy;
    private final GenConfig config;
    private final InterestingValues values;

    public ModuleGenerator(Entropy entropy, GenConfig config) {
        this.entropy = entropy;
        this.config = config;
        this.values = new InterestingValues(entropy);
    }

    /** One module from a seed. */
    public static GeneratedModule generate(long seed, GenConfig config) {
        return new ModuleGenerator(new SeededEntropy(seed), config).generate();
    }

    public GeneratedModule generate() {
        return generate(List.of());
    }

    /**
     * Two or three modules where later ones import earlier ones' exports; module {@code i} is
     * registered as {@code m<i>}.
     */
    public GeneratedProgram generateProgram(int count) {
        var modules = new ArrayList<GeneratedProgram.Named>();
        for (int i = 0; i < count; i++) {
            modules.add(new GeneratedProgram.Named("m" + i, generate(modules)));
        }
        return new GeneratedProgram(modules);
    }

    // ---- kinds and types

    /** Weights of the kinds this module may use: the configured ones, feature-gated, swarm-thinned. */
    int[] kindWeights() {
        var kinds = Kind.values();
        var weights = new int[kinds.length];
        for (var k : kinds) {
            int w = config.weight(k);
            boolean enabled = switch (k) {
                case SIGN_EXT -> config.has(Feature.SIGN_EXT);
                case SAT_TRUNC -> config.has(Feature.SAT_TRUNC);
                case BULK_MEMORY, TABLE_BULK -> config.has(Feature.BULK_MEMORY);
                case REF, TABLE -> config.has(Feature.REFERENCE_TYPES);
                case TAIL_CALL -> config.has(Feature.TAIL_CALL);
                case SIMD -> config.has(Feature.SIMD);
                default -> true;
            };
            // Swarm testing: each module leaves out about a third of the kinds.
            if (config.swarm() && !k.essential() && entropy.nextInt(3) == 0) enabled = false;
            weights[k.ordinal()] = enabled ? w : 0;
        }
        if (Arrays.stream(weights).sum() == 0) weights[Kind.CONST.ordinal()] = 1;
        return weights;
    }

    List<ValType> valueTypes() {
        var ts = new ArrayList<ValType>(List.of(NumType.I32, NumType.I64, NumType.F32, NumType.F64));
        if (config.has(Feature.SIMD)) ts.add(VecType.V128);
        if (config.has(Feature.REFERENCE_TYPES)) {
            ts.add(RefType.FUNCREF);
            ts.add(RefType.EXTERNREF);
        }
        return ts;
    }

    private ValType randomType(List<ValType> from) {
        return entropy.chance(350) ? NumType.I32 : entropy.pick(from);
    }

    private FuncType randomFuncType(List<ValType> types, boolean numericOnly) {
        var from = numericOnly ? List.<ValType>of(NumType.I32, NumType.I64, NumType.F32, NumType.F64) : types;
        // Sometimes more parameters than any ABI passes in registers.
        int np = entropy.chance(100) ? entropy.between(7, Math.max(7, 2 * config.maxParams())) : entropy.between(0, config.maxParams() / 2);
        boolean multi = config.has(Feature.MULTI_VALUE);
        int nr = multi && entropy.chance(250) ? entropy.between(2, Math.max(2, config.maxResults())) : entropy.between(0, 1);
        var params = new ArrayList<ValType>();
        for (int i = 0; i < np; i++) params.add(randomType(from));
        var results = new ArrayList<ValType>();
        for (int i = 0; i < nr; i++) results.add(randomType(from));
        return FuncType.of(params, results);
    }

    private ConstExpr constant(ValType t, List<Integer> importedImmutableGlobals, List<GlobalType> globalTypes, int functions) {
        // An imported immutable global of the right type is a constant too.
        var sameType = importedImmutableGlobals.stream().filter(g -> globalTypes.get(g).type().equals(t)).toList();
        if (!sameType.isEmpty() && entropy.chance(300)) return ConstExpr.of(Instruction.indexed(Opcode.GLOBAL_GET, entropy.pick(sameType)));
        return switch (t) {
            case NumType n -> switch (n) {
                case I32 -> ConstExpr.i32(values.int32());
                case I64 -> ConstExpr.of(Instruction.i64(values.int64()));
                case F32 -> ConstExpr.of(new Instruction.F32Const(values.f32Bits()));
                case F64 -> ConstExpr.of(new Instruction.F64Const(values.f64Bits()));
            };
            case VecType v -> {
                var bits = values.v128();
                yield ConstExpr.of(new Instruction.V128Const(bits[0], bits[1]));
            }
            case RefType r -> r.heap() == AbsHeapType.FUNC && entropy.nextBoolean()
                    ? ConstExpr.refFunc(entropy.nextInt(functions))
                    : ConstExpr.of(new Instruction.RefNull(r.heap()));
        };
    }

    // ---- one module

    GeneratedModule generate(List<GeneratedProgram.Named> upstream) {
        var b = new ModuleBuilder();
        var kindWeights = kindWeights();
        var valueTypes = valueTypes();
        var functionTypes = new ArrayList<FuncType>();
        var globalTypes = new ArrayList<GlobalType>();
        var tableTypes = new ArrayList<TableType>();
        var importedImmutable = new ArrayList<Integer>();

        // Imports: host functions, then whatever earlier modules offer.
        int hosts = entropy.between(0, config.maxImports());
        for (int i = 0; i < hosts; i++) {
            var t = randomFuncType(valueTypes, true);
            b.importFunction(GeneratedImports.MODULE, GeneratedImports.name(i), t);
            functionTypes.add(t);
        }
        Limits memoryLimits = null;
        boolean memoryImported = false;
        for (var up : upstream) {
            var m = up.module().module();
            for (var e : m.exports()) {
                if (e.kind() == ExternKind.FUNC && !e.name().equals(GeneratedModule.REFUEL_EXPORT) && entropy.chance(400)) {
                    var t = m.functionType(e.index());
                    b.importFunction(up.name(), e.name(), t);
                    functionTypes.add(t);
                }
            }
        }
        for (var up : upstream) {
            var m = up.module().module();
            for (var e : m.exports()) {
                if (e.kind() == ExternKind.MEMORY && !memoryImported && entropy.chance(700)) {
                    memoryLimits = m.memoryTypes().get(e.index()).limits();
                    b.importMemory(up.name(), e.name(), memoryLimits);
                    memoryImported = true;
                }
            }
        }
        for (var up : upstream) {
            var m = up.module().module();
            for (var e : m.exports()) {
                if (e.kind() == ExternKind.TABLE && entropy.chance(300)) {
                    var t = m.tableTypes().get(e.index());
                    if (tableTypes.isEmpty() && !t.elementType().equals(RefType.FUNCREF)) continue; // table 0 must hold functions
                    if (!tableTypes.isEmpty() && !config.has(Feature.REFERENCE_TYPES)) continue;
                    b.importTable(up.name(), e.name(), t);
                    tableTypes.add(t);
                }
            }
        }
        for (var up : upstream) {
            var m = up.module().module();
            for (var e : m.exports()) {
                if (e.kind() == ExternKind.GLOBAL && !e.name().equals(GeneratedModule.FUEL_EXPORT) && entropy.chance(400)) {
                    var t = m.globalTypes().get(e.index());
                    b.importGlobal(up.name(), e.name(), t.type(), t.mutable());
                    if (!t.mutable()) importedImmutable.add(globalTypes.size());
                    globalTypes.add(t);
                }
            }
        }

        // Function types, decided before bodies so calls can go anywhere.
        int defined = entropy.between(1, config.maxFunctions());
        for (int i = 0; i < defined; i++) {
            // Reusing an earlier type makes indirect calls that match more likely.
            functionTypes.add(i > 0 && entropy.chance(250) ? entropy.pick(functionTypes) : randomFuncType(valueTypes, false));
        }
        // The refuel function comes last and is left out of the plan: no body may call it, or
        // fuel could be reset forever.
        int refuel = functionTypes.size();
        int functionCount = refuel;

        // Globals: the fuel first, then some of every kind.
        int fuel = b.global(NumType.I32, true, ConstExpr.i32(config.fuel()));
        globalTypes.add(new GlobalType(NumType.I32, true));
        int globals = entropy.between(1, 8);
        for (int i = 0; i < globals; i++) {
            var t = randomType(valueTypes);
            boolean mutable = entropy.nextBoolean();
            b.global(t, mutable, constant(t, importedImmutable, globalTypes, functionCount));
            globalTypes.add(new GlobalType(t, mutable));
        }

        // One memory, always with a maximum so memory.grow stays cheap.
        if (!memoryImported) {
            int min = entropy.between(1, 2);
            memoryLimits = Limits.of(min, min + entropy.between(0, 3));
            b.memory(memoryLimits);
        }
        long memoryBytes = memoryLimits.min() * MemoryType.PAGE_SIZE;
        var dataLengths = new ArrayList<Integer>();
        int activeData = entropy.between(0, 3);
        for (int i = 0; i < activeData; i++) {
            var bytes = randomBytes(entropy.between(0, 48));
            b.activeData(0, ConstExpr.i32(entropy.between(0, (int) memoryBytes - bytes.length)), bytes);
            dataLengths.add(bytes.length);
        }
        if (config.has(Feature.BULK_MEMORY)) {
            int passive = entropy.between(0, 2);
            for (int i = 0; i < passive; i++) {
                var bytes = randomBytes(entropy.between(0, 48));
                b.passiveData(bytes);
                dataLengths.add(bytes.length);
            }
        }

        // Tables: 0 holds functions for call_indirect; reference types add an externref and another funcref table.
        if (tableTypes.isEmpty()) {
            int min = entropy.between(functionCount / 2, functionCount + 4);
            var t = new TableType(RefType.FUNCREF, Limits.of(min, min + entropy.between(0, 8)));
            b.table(t);
            tableTypes.add(t);
        }
        if (config.has(Feature.REFERENCE_TYPES)) {
            for (var et : List.of(RefType.EXTERNREF, RefType.FUNCREF)) {
                int min = entropy.between(0, 8);
                var t = new TableType(et, Limits.of(min, min + entropy.between(0, 8)));
                b.table(t);
                tableTypes.add(t);
            }
        }
        var tableSlots = new ArrayList<int[]>();
        for (var t : tableTypes) {
            var slots = new int[t.elementType().equals(RefType.FUNCREF) ? (int) t.limits().min() : 0];
            Arrays.fill(slots, -1);
            tableSlots.add(slots);
        }
        // Active segments fill parts of each function table.
        for (int t = 0; t < tableTypes.size(); t++) {
            var slots = tableSlots.get(t);
            if (slots.length == 0) continue;
            if (t > 0 && !config.has(Feature.REFERENCE_TYPES)) continue;
            int len = entropy.between(0, slots.length);
            int offset = entropy.between(0, slots.length - len);
            var items = new ArrayList<Integer>();
            for (int i = 0; i < len; i++) {
                int f = entropy.nextInt(functionCount);
                items.add(f);
                slots[offset + i] = f;
            }
            if (t == 0) {
                b.activeFunctions(0, ConstExpr.i32(offset), items);
            } else {
                b.element(new ElementSegment(NON_NULL_FUNC, new ElementSegment.Active(t, ConstExpr.i32(offset)),
                        items.stream().map(ConstExpr::refFunc).toList()));
            }
        }
        var elements = new ArrayList<ModulePlan.Segment>();
        // The active segments come first in the index space; they are dropped after instantiation
        // (length 0 for table.init), which the plan records as such.
        for (var t = 0; t < tableTypes.size(); t++) {
            if (tableSlots.get(t).length > 0 && (t == 0 || config.has(Feature.REFERENCE_TYPES))) {
                elements.add(new ModulePlan.Segment(RefType.FUNCREF, 0));
            }
        }
        if (config.has(Feature.BULK_MEMORY)) {
            int passive = entropy.between(0, 2);
            for (int i = 0; i < passive; i++) {
                int len = entropy.between(0, 6);
                var items = new ArrayList<ConstExpr>();
                for (int k = 0; k < len; k++) items.add(ConstExpr.refFunc(entropy.nextInt(functionCount)));
                b.element(new ElementSegment(NON_NULL_FUNC, ElementSegment.PASSIVE, items));
                elements.add(new ModulePlan.Segment(RefType.FUNCREF, len));
            }
            if (config.has(Feature.REFERENCE_TYPES)) {
                int len = entropy.between(0, 4);
                var items = new ArrayList<ConstExpr>();
                for (int k = 0; k < len; k++) items.add(ConstExpr.of(new Instruction.RefNull(AbsHeapType.EXTERN)));
                b.element(new ElementSegment(RefType.EXTERNREF, ElementSegment.PASSIVE, items));
                elements.add(new ModulePlan.Segment(RefType.EXTERNREF, len));
            }
        }

        if (config.has(Feature.REFERENCE_TYPES)) {
            // Exports already declare every function for ref.func, but Chicory 1.7.5 only counts
            // element segments: a declarative one keeps both validators happy.
            var all = new ArrayList<ConstExpr>();
            for (int f = 0; f < functionCount; f++) all.add(ConstExpr.refFunc(f));
            b.element(new ElementSegment(NON_NULL_FUNC, ElementSegment.DECLARATIVE, all));
            elements.add(new ModulePlan.Segment(RefType.FUNCREF, 0));
        }
        var blockTypes = new ArrayList<FuncType>(functionTypes);
        for (int i = 0; i < 3; i++) blockTypes.add(randomFuncType(valueTypes, false));
        var plan = new ModulePlan(functionTypes, globalTypes, fuel, tableTypes, tableSlots, memoryBytes,
                dataLengths, elements, blockTypes);
        var catalog = OpCatalog.of(config.features());

        // Bodies.
        int first = functionCount - defined;
        for (int f = first; f < refuel; f++) {
            int budget = entropy.between(1, config.maxBodySize());
            var body = new CodeBuilder(entropy, config, catalog, plan, b, kindWeights, valueTypes, f).build(budget);
            b.function(functionTypes.get(f), body.locals(), body.code());
        }
        b.function(FuncType.EMPTY, List.of(), List.of(Instruction.i32(config.fuel()), Instruction.indexed(Opcode.GLOBAL_SET, fuel)));

        // Exports of everything.
        for (int f = 0; f < functionCount; f++) b.exportFunction("f" + f, f);
        b.exportFunction(GeneratedModule.REFUEL_EXPORT, refuel);
        b.exportMemory("mem", 0);
        for (int t = 0; t < tableTypes.size(); t++) b.exportTable("t" + t, t);
        for (int g = 0; g < globalTypes.size(); g++) b.exportGlobal(g == fuel ? GeneratedModule.FUEL_EXPORT : "g" + g, g);

        var module = b.build();
        return new GeneratedModule(module, flint.wasm.binary.ModuleEncoder.encode(module));
    }

    private byte[] randomBytes(int n) {
        var bytes = new byte[n];
        for (int i = 0; i < n; i++) bytes[i] = (byte) entropy.nextInt(256);
        return bytes;
    }

    /** Unused import kinds keep the compiler honest about index spaces; exposed for tests. */
    static long importCount(WasmModule m, Class<? extends ImportDesc> kind) {
        return m.imports().stream().filter(i -> kind.isInstance(i.desc())).count();
    }

    static List<Export> exportsOf(WasmModule m, ExternKind kind) {
        return m.exports().stream().filter(e -> e.kind() == kind).toList();
    }
}

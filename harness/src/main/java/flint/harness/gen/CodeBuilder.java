package flint.harness.gen;

import flint.wasm.binary.ModuleBuilder;
import flint.wasm.model.AbsHeapType;
import flint.wasm.model.BlockType;
import flint.wasm.model.FuncType;
import flint.wasm.model.Immediate;
import flint.wasm.model.Instruction;
import flint.wasm.model.MemArg;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds one function body the way the Roc Wasm backend's CodeBuilder works: it simulates the
 * operand stack and the control frames, and only emits an instruction whose operands are on the
 * stack and whose results fit. Operands that are missing are built first (a constant, a local, a
 * global, a load or a small expression), so every opcode can be reached from any state; values
 * already on the stack are preferred, so values stay live across many operations.
 *
 * <p>After {@code br}, {@code br_table}, {@code return}, {@code return_call*} and
 * {@code unreachable} the frame is marked unreachable: the generator keeps emitting (dead code the
 * compiler must skip) and may pop operands from the polymorphic stack below the frame. When the
 * budget runs out every open frame is closed with its declared result types.
 *
 * <p>Termination: the body starts with a fuel check and so does every loop iteration (see
 * {@link #fuelCheck()}). Counted loops also carry a private counter local.
 */
final class CodeBuilder {
    private static final int MAX_STACK = 24;
    private static final int MAX_EXPR_DEPTH = 3;

    private final Entropy entropy;
    private final GenConfig config;
    private final OpCatalog catalog;
    private final ModulePlan plan;
    private final ModuleBuilder types;
    private final InterestingValues values;
    private final int[] kindWeights;
    private final Kind[] kinds = Kind.values();
    private final List<ValType> valueTypes;
    private final int self;

    private final List<Instruction> code = new ArrayList<>();
    private final List<ValType> locals = new ArrayList<>();
    private final int paramCount;
    private final Set<Integer> reserved = new HashSet<>();
    private final java.util.Map<ValType, Integer> scratch = new java.util.HashMap<>();
    private final List<ValType> stack = new ArrayList<>();
    private final List<Frame> frames = new ArrayList<>();
    private int budget;

    enum FrameKind { FUNCTION, BLOCK, LOOP, IF }

    static final class Frame {
        final FrameKind kind;
        final List<ValType> params;
        final List<ValType> results;
        final int height;
        boolean unreachable;
        boolean hasElse;
        int counter = -1;

        Frame(FrameKind kind, List<ValType> params, List<ValType> results, int height) {
            this.kind = kind;
            this.params = params;
            this.results = results;
            this.height = height;
        }

        List<ValType> labelTypes() {
            return kind == FrameKind.LOOP ? params : results;
        }
    }

    /** The generated body: declared locals (parameters excluded) and instructions without the final end. */
    record Body(List<ValType> locals, List<Instruction> code) {}

    CodeBuilder(Entropy entropy, GenConfig config, OpCatalog catalog, ModulePlan plan, ModuleBuilder types,
                int[] kindWeights, List<ValType> valueTypes, int self) {
        this.entropy = entropy;
        this.config = config;
        this.catalog = catalog;
        this.plan = plan;
        this.types = types;
        this.values = new InterestingValues(entropy);
        this.kindWeights = kindWeights;
        this.valueTypes = valueTypes;
        this.self = self;
        var type = plan.functionTypes().get(self);
        for (var p : type.params()) addLocal(p, false);
        paramCount = type.params().size();
        for (int i = 0; i < plan.globals().size(); i++) {
            var g = plan.globals().get(i);
            globalsReadable.computeIfAbsent(g.type(), k -> new ArrayList<>()).add(i);
            if (g.mutable() && i != plan.fuelGlobal()) globalsWritable.computeIfAbsent(g.type(), k -> new ArrayList<>()).add(i);
        }
    }

    Body build(int budget) {
        this.budget = budget;
        var type = plan.functionTypes().get(self);
        // Many locals of every type: register pressure for the compiler.
        for (var t : valueTypes) {
            int n = entropy.between(0, config.maxLocalsPerType());
            for (int i = 0; i < n; i++) addLocal(t, false);
        }
        frames.add(new Frame(FrameKind.FUNCTION, List.of(), type.results(), 0));
        fuelCheck();
        while (this.budget > 0) {
            this.budget--;
            step();
        }
        while (frames.size() > 1) closeFrame();
        fixStack(frames.getFirst(), type.results());
        return new Body(locals.subList(paramCount, locals.size()), code);
    }

    // ---- the stack model

    private Frame frame() {
        return frames.getLast();
    }

    private int avail() {
        return stack.size() - frame().height;
    }

    private void push(ValType t) {
        stack.add(t);
    }

    private void pushAll(List<ValType> ts) {
        stack.addAll(ts);
    }

    private ValType top() {
        return avail() > 0 ? stack.getLast() : null;
    }

    /** Pops {@code n} operands; below the frame's height an unreachable frame's stack is polymorphic. */
    private void pop(int n) {
        int take = Math.min(n, avail());
        for (int i = 0; i < take; i++) stack.removeLast();
    }

    /** Whether the stack ends with {@code ts} (in an unreachable frame, missing bottom values count as present). */
    private boolean topMatches(List<ValType> ts) {
        int a = avail(), n = ts.size(), k = Math.min(a, n);
        for (int i = 1; i <= k; i++) {
            if (!stack.get(stack.size() - i).equals(ts.get(n - i))) return false;
        }
        return k == n || frame().unreachable;
    }

    /**
     * Puts {@code ts} on top of the stack: reusing values already there where their types line
     * up, building the others.
     */
    private void ensure(List<ValType> ts) {
        if (ts.isEmpty()) return;
        if (topMatches(ts) && (avail() >= ts.size() || entropy.chance(600)) && entropy.chance(750)) return;
        int a = avail(), best = 0;
        for (int k = Math.min(a, ts.size()); k > 0; k--) {
            boolean ok = true;
            for (int i = 0; i < k && ok; i++) ok = stack.get(stack.size() - k + i).equals(ts.get(i));
            if (ok) { best = k; break; }
        }
        if (best > 0 && entropy.chance(700)) {
            for (int i = best; i < ts.size(); i++) materialize(ts.get(i), 0);
        } else {
            for (var t : ts) materialize(t, 0);
        }
    }

    private void emit(Instruction insn) {
        code.add(insn);
    }

    private void emit(Opcode op) {
        code.add(new Instruction.Plain(op));
    }

    private int newLocal(ValType t) {
        addLocal(t, true);
        return locals.size() - 1;
    }

    private int scratch(ValType t) {
        return scratch.computeIfAbsent(t, this::newLocal);
    }

    // Indices by type, kept up to date as locals are added (lookups happen at nearly every step).
    private final java.util.Map<ValType, List<Integer>> readable = new java.util.HashMap<>();
    private final java.util.Map<ValType, List<Integer>> writable = new java.util.HashMap<>();
    private final java.util.Map<ValType, List<Integer>> globalsReadable = new java.util.HashMap<>();
    private final java.util.Map<ValType, List<Integer>> globalsWritable = new java.util.HashMap<>();

    private void addLocal(ValType t, boolean isReserved) {
        locals.add(t);
        int index = locals.size() - 1;
        readable.computeIfAbsent(t, k -> new ArrayList<>()).add(index);
        if (isReserved) reserved.add(index);
        else writable.computeIfAbsent(t, k -> new ArrayList<>()).add(index);
    }

    private List<Integer> localsOf(ValType t, boolean forWriting) {
        return (forWriting ? writable : readable).getOrDefault(t, List.of());
    }

    private List<Integer> globalsOf(ValType t, boolean mutable) {
        return (mutable ? globalsWritable : globalsReadable).getOrDefault(t, List.of());
    }

    private ValType randomType() {
        // Biased towards i32, the type of conditions, addresses and most compiler special cases.
        return entropy.chance(350) ? NumType.I32 : entropy.pick(valueTypes);
    }

    // ---- one step

    private void step() {
        if (avail() > MAX_STACK) {
            reduceTop();
            return;
        }
        var kind = kinds[entropy.weighted(kindWeights)];
        switch (kind) {
            case CONST -> constant(randomType());
            case LOCAL -> local();
            case GLOBAL -> global();
            case INT_ARITH, INT_COMPARE, FLOAT_ARITH, FLOAT_COMPARE, CONVERT, SIGN_EXT, SAT_TRUNC -> {
                var ops = catalog.ofKind(kind);
                if (!ops.isEmpty()) pure(entropy.pick(ops));
            }
            case SIMD -> simd();
            case LOAD -> load(entropy.pick(catalog.ofKind(Kind.LOAD)));
            case STORE -> store(entropy.pick(catalog.ofKind(Kind.STORE)));
            case MEMORY_SIZE_GROW -> memorySizeGrow();
            case BULK_MEMORY -> bulkMemory();
            case TABLE_BULK -> tableBulk();
            case REF -> ref();
            case TABLE -> table();
            case CALL -> call();
            case CALL_INDIRECT -> callIndirect(false);
            case TAIL_CALL -> tailCall();
            case BLOCK, LOOP, IF -> open(kind);
            case END -> { if (frames.size() > 1) closeFrame(); }
            case BR -> br();
            case BR_IF -> brIf();
            case BR_TABLE -> brTable();
            case RETURN -> {
                ensure(frames.getFirst().results);
                emit(Opcode.RETURN);
                unreachable();
            }
            case UNREACHABLE -> {
                emit(Opcode.UNREACHABLE);
                unreachable();
            }
            case DROP -> {
                if (avail() == 0) materialize(randomType(), 0);
                emit(Opcode.DROP);
                pop(1);
            }
            case SELECT -> select();
            case NOP -> emit(Opcode.NOP);
        }
    }

    /** The rest of the frame is dead code: the stack above the frame becomes polymorphic. */
    private void unreachable() {
        var f = frame();
        while (stack.size() > f.height) stack.removeLast();
        f.unreachable = true;
    }

    // ---- values

    /** Emits code that pushes one value of type {@code t}. */
    private void materialize(ValType t, int depth) {
        int choice = entropy.nextInt(10);
        if (choice < 3) {
            var ls = localsOf(t, false);
            if (!ls.isEmpty()) {
                emit(Instruction.indexed(Opcode.LOCAL_GET, entropy.pick(ls)));
                push(t);
                return;
            }
        } else if (choice < 4) {
            var gs = globalsOf(t, false);
            if (!gs.isEmpty()) {
                emit(Instruction.indexed(Opcode.GLOBAL_GET, entropy.pick(gs)));
                push(t);
                return;
            }
        } else if (choice < 7 && depth < MAX_EXPR_DEPTH) {
            if (t instanceof NumType && plan.hasMemory() && entropy.chance(150)) {
                var loads = catalog.loads(t);
                if (!loads.isEmpty()) {
                    load(entropy.pick(loads));
                    return;
                }
            }
            var ops = catalog.producing(t);
            if (!ops.isEmpty() && kindAllowed(t)) {
                var op = entropy.pick(ops);
                if (kindWeights[op.kind().ordinal()] > 0) {
                    for (var p : op.params()) materialize(p, depth + 1);
                    finishPure(op);
                    return;
                }
            }
        }
        constant(t);
    }

    private boolean kindAllowed(ValType t) {
        return !(t instanceof RefType);
    }

    private void constant(ValType t) {
        switch (t) {
            case NumType n -> {
                switch (n) {
                    case I32 -> emit(Instruction.i32(values.int32()));
                    case I64 -> emit(Instruction.i64(values.int64()));
                    case F32 -> emit(new Instruction.F32Const(values.f32Bits()));
                    case F64 -> emit(new Instruction.F64Const(values.f64Bits()));
                }
            }
            case VecType v -> {
                var bits = values.v128();
                emit(new Instruction.V128Const(bits[0], bits[1]));
            }
            case RefType r -> {
                if (r.heap() == AbsHeapType.FUNC && entropy.chance(600)) {
                    emit(Instruction.indexed(Opcode.REF_FUNC, entropy.nextInt(plan.functionTypes().size())));
                } else {
                    emit(new Instruction.RefNull(r.heap()));
                }
            }
        }
        push(t);
    }

    /**
     * A condition: most often a comparison, so compilers see compare-and-branch fusion. Only when
     * {@code mayConsume} may it use values already on the stack; otherwise the operands just put
     * there for the consumer (select's values, a branch's label values) would be eaten.
     */
    private void condition(boolean mayConsume) {
        if (entropy.chance(500)) {
            var compares = catalog.comparisons();
            if (!compares.isEmpty()) {
                var op = entropy.pick(compares);
                if (mayConsume) ensure(op.params());
                else for (var p : op.params()) materialize(p, 1);
                finishPure(op);
                return;
            }
        }
        if (mayConsume) ensure(List.of(NumType.I32));
        else materialize(NumType.I32, 1);
    }

    // ---- plain operations

    private void pure(OpInfo op) {
        ensure(op.params());
        finishPure(op);
    }

    /** Emits a fixed-signature operation whose operands are on the stack. */
    private void finishPure(OpInfo op) {
        if (isDivision(op.op()) && entropy.chance(600)) {
            // Keep most divisions from trapping so the code after them runs: divisor |= 1.
            var t = op.params().getFirst();
            emit(t == NumType.I32 ? Instruction.i32(1) : Instruction.i64(1));
            emit(t == NumType.I32 ? Opcode.I32_OR : Opcode.I64_OR);
        }
        emit(instruction(op.op()));
        pop(op.params().size());
        pushAll(op.results());
        if (op.nanNondeterministic() && config.canonicalizeNaNs()) canonicalize(op);
    }

    private static boolean isDivision(Opcode op) {
        return switch (op) {
            case I32_DIV_S, I32_DIV_U, I32_REM_S, I32_REM_U, I64_DIV_S, I64_DIV_U, I64_REM_S, I64_REM_U -> true;
            default -> false;
        };
    }

    /** The instruction for {@code op} with random immediates (not for memory accesses). */
    private Instruction instruction(Opcode op) {
        return switch (op.immediate()) {
            case NONE -> new Instruction.Plain(op);
            case LANE -> Instruction.indexed(op, entropy.nextInt(op.laneCount()));
            case SHUFFLE -> {
                var lanes = new byte[16];
                for (int i = 0; i < 16; i++) lanes[i] = (byte) entropy.nextInt(32);
                yield new Instruction.Shuffle(lanes);
            }
            case I32 -> Instruction.i32(values.int32());
            case I64 -> Instruction.i64(values.int64());
            case F32 -> new Instruction.F32Const(values.f32Bits());
            case F64 -> new Instruction.F64Const(values.f64Bits());
            case V128 -> {
                var bits = values.v128();
                yield new Instruction.V128Const(bits[0], bits[1]);
            }
            default -> throw new IllegalStateException("no generic immediates for " + op);
        };
    }

    /**
     * Turns a NaN on top of the stack into the canonical NaN, so engines that legally produce
     * different NaN payloads still agree bit for bit. Two shapes, so compilers see both a select
     * and a diamond.
     */
    private void canonicalize(OpInfo op) {
        var t = op.results().getFirst();
        int tmp = scratch(t);
        emit(Instruction.indexed(Opcode.LOCAL_TEE, tmp));
        if (t == VecType.V128) {
            boolean f32 = op.op().mnemonic().startsWith("f32x4");
            long canon = f32 ? 0x7FC0_0000_7FC0_0000L : 0x7FF8_0000_0000_0000L;
            emit(new Instruction.V128Const(canon, canon));
            emit(Instruction.localGet(tmp));
            emit(Instruction.localGet(tmp));
            emit(f32 ? Opcode.F32X4_EQ : Opcode.F64X2_EQ);
            emit(Opcode.V128_BITSELECT);
            return;
        }
        boolean f32 = t == NumType.F32;
        Instruction nan = f32 ? new Instruction.F32Const(0x7FC0_0000) : new Instruction.F64Const(0x7FF8_0000_0000_0000L);
        if (entropy.nextBoolean()) {
            emit(nan);
            emit(Instruction.localGet(tmp));
            emit(Instruction.localGet(tmp));
            emit(f32 ? Opcode.F32_EQ : Opcode.F64_EQ);
            emit(Opcode.SELECT);
        } else {
            emit(Instruction.localGet(tmp));
            emit(f32 ? Opcode.F32_NE : Opcode.F64_NE);
            emit(new Instruction.Block(Opcode.IF, BlockType.of(t)));
            emit(nan);
            emit(Opcode.ELSE);
            emit(Instruction.localGet(tmp));
            emit(Opcode.END);
        }
    }

    private void local() {
        var t = top();
        if (t != null && entropy.chance(600)) {
            var ls = localsOf(t, true);
            if (!ls.isEmpty()) {
                boolean tee = entropy.nextBoolean();
                emit(Instruction.indexed(tee ? Opcode.LOCAL_TEE : Opcode.LOCAL_SET, entropy.pick(ls)));
                if (!tee) pop(1);
                return;
            }
        }
        var t2 = entropy.pick(locals.isEmpty() ? List.of(NumType.I32) : locals);
        var ls = localsOf(t2, false);
        if (ls.isEmpty()) {
            constant(t2);
            return;
        }
        emit(Instruction.localGet(entropy.pick(ls)));
        push(t2);
    }

    private void global() {
        var t = top();
        if (t != null && entropy.chance(500)) {
            var gs = globalsOf(t, true);
            if (!gs.isEmpty()) {
                emit(Instruction.indexed(Opcode.GLOBAL_SET, entropy.pick(gs)));
                pop(1);
                return;
            }
        }
        int g = entropy.nextInt(plan.globals().size());
        emit(Instruction.indexed(Opcode.GLOBAL_GET, g));
        push(plan.globals().get(g).type());
    }

    private void select() {
        var t = top();
        if (t == null || entropy.chance(300)) t = randomType();
        boolean typed = t instanceof RefType || (config.has(Feature.REFERENCE_TYPES) && entropy.chance(300));
        if (t instanceof RefType && !config.has(Feature.REFERENCE_TYPES)) t = NumType.I32;
        if (typed && !config.has(Feature.REFERENCE_TYPES)) typed = false;
        ensure(List.of(t, t));
        condition(false);
        emit(typed ? new Instruction.SelectTyped(List.of(t)) : new Instruction.Plain(Opcode.SELECT));
        pop(3);
        push(t);
    }

    /** Combines or stores away the top value so the stack does not grow without bound. */
    private void reduceTop() {
        var t = top();
        if (t instanceof NumType && avail() >= 2 && stack.get(stack.size() - 2).equals(t) && entropy.chance(700)) {
            var binaries = catalog.binaries(t);
            if (!binaries.isEmpty()) {
                finishPure(entropy.pick(binaries));
                return;
            }
        }
        var ls = localsOf(t, true);
        if (!ls.isEmpty() && entropy.chance(400)) {
            emit(Instruction.indexed(Opcode.LOCAL_SET, entropy.pick(ls)));
        } else {
            var gs = globalsOf(t, true);
            if (!gs.isEmpty() && entropy.chance(300)) emit(Instruction.indexed(Opcode.GLOBAL_SET, entropy.pick(gs)));
            else emit(Opcode.DROP);
        }
        pop(1);
    }

    // ---- memory

    /** Pushes an address for an access of {@code size} bytes and returns the static offset to use. */
    private long address(int size) {
        long mem = plan.memoryBytes();
        if (entropy.chance(config.oobPermille())) {
            // Out of bounds on purpose, in the ways bounds checks get wrong.
            switch (entropy.nextInt(4)) {
                case 0 -> { emit(Instruction.i32((int) (mem - entropy.between(0, size + 2)))); push(NumType.I32); return entropy.between(0, 4); }
                case 1 -> { emit(Instruction.i32(entropy.between(-64, -1))); push(NumType.I32); return entropy.between(0, 64); }
                case 2 -> { emit(Instruction.i32(entropy.between(0, 64))); push(NumType.I32); return 0xFFFF_FFFFL - entropy.between(0, 64); }
                default -> { emit(Instruction.i32(entropy.between(0, 64))); push(NumType.I32); return mem - entropy.between(0, size); }
            }
        }
        long offset = switch (entropy.nextInt(6)) {
            case 0 -> 0;
            case 1 -> mem - size - entropy.between(0, 32); // near the end of memory
            default -> entropy.between(0, 256);
        };
        long room = mem - offset - size; // the largest in-bounds address
        if (room < 0) {
            offset = 0;
            room = mem - size;
        }
        if (entropy.chance(400) || room < 2) {
            emit(Instruction.i32((int) (room < 1 ? 0 : entropy.nextInt((int) Math.min(room + 1, Integer.MAX_VALUE)))));
            push(NumType.I32);
        } else {
            // A computed address, masked into bounds: the compiler cannot fold it.
            materialize(NumType.I32, 1);
            emit(Instruction.i32((int) (Long.highestOneBit(room + 1) - 1)));
            emit(Opcode.I32_AND);
        }
        return offset;
    }

    private MemArg memArg(Opcode op, long offset) {
        return new MemArg(entropy.between(0, op.naturalAlignment()), offset, 0);
    }

    private void load(OpInfo op) {
        if (!plan.hasMemory()) {
            constant(op.results().getFirst());
            return;
        }
        long offset = address(op.op().size());
        emit(new Instruction.Memory(op.op(), memArg(op.op(), offset)));
        pop(1);
        pushAll(op.results());
    }

    private void store(OpInfo op) {
        if (!plan.hasMemory()) return;
        var valueType = op.params().get(1);
        if (valueType.equals(top()) && entropy.chance(500)) {
            // Store a value computed earlier: park it while the address is built.
            int tmp = scratch(valueType);
            emit(Instruction.indexed(Opcode.LOCAL_SET, tmp));
            pop(1);
            long offset = address(op.op().size());
            emit(Instruction.localGet(tmp));
            push(valueType);
            emit(new Instruction.Memory(op.op(), memArg(op.op(), offset)));
        } else {
            long offset = address(op.op().size());
            materialize(valueType, 0);
            emit(new Instruction.Memory(op.op(), memArg(op.op(), offset)));
        }
        pop(2);
    }

    private void memorySizeGrow() {
        if (!plan.hasMemory()) return;
        if (entropy.nextBoolean()) {
            emit(Instruction.indexed(Opcode.MEMORY_SIZE, 0));
        } else {
            emit(Instruction.i32(entropy.chance(900) ? entropy.between(0, 2) : values.int32()));
            emit(Instruction.indexed(Opcode.MEMORY_GROW, 0));
        }
        push(NumType.I32);
    }

    /** Pushes a length for a bulk operation: small, sometimes anything. */
    private void length(int max) {
        emit(Instruction.i32(entropy.chance(config.oobPermille() * 2) ? values.int32() : entropy.between(0, Math.max(0, max))));
        push(NumType.I32);
    }

    private void bulkMemory() {
        if (!plan.hasMemory()) return;
        int choice = entropy.nextInt(4);
        if (choice >= 2 && plan.dataLengths().isEmpty()) choice = 0;
        switch (choice) {
            case 0 -> { // memory.fill d v n
                address(64);
                materialize(NumType.I32, 1);
                length(64);
                emit(Instruction.indexed(Opcode.MEMORY_FILL, 0));
            }
            case 1 -> { // memory.copy d s n
                address(64);
                address(64);
                length(64);
                emit(new Instruction.TwoIndex(Opcode.MEMORY_COPY, 0, 0));
            }
            case 2 -> { // memory.init seg: d s n
                int seg = entropy.nextInt(plan.dataLengths().size());
                int len = plan.dataLengths().get(seg);
                address(len);
                int s = entropy.between(0, len);
                emit(Instruction.i32(s));
                push(NumType.I32);
                length(len - s);
                emit(new Instruction.TwoIndex(Opcode.MEMORY_INIT, seg, 0));
            }
            default -> {
                emit(Instruction.indexed(Opcode.DATA_DROP, entropy.nextInt(plan.dataLengths().size())));
                return;
            }
        }
        pop(3);
    }

    // ---- references and tables

    private List<Integer> tablesOf(RefType type) {
        var out = new ArrayList<Integer>();
        for (int i = 0; i < plan.tables().size(); i++) if (plan.tables().get(i).elementType().equals(type)) out.add(i);
        return out;
    }

    /** Pushes an index into table {@code t}: mostly in bounds of its initial size. */
    private void tableIndex(int t, int span) {
        long size = plan.tables().get(t).limits().min();
        if (entropy.chance(config.oobPermille()) || size == 0) emit(Instruction.i32(entropy.chance(500) ? (int) size + entropy.between(0, 3) : values.int32()));
        else emit(Instruction.i32(entropy.between(0, (int) Math.max(0, size - span))));
        push(NumType.I32);
    }

    private RefType randomRefType() {
        return entropy.nextBoolean() ? RefType.FUNCREF : RefType.EXTERNREF;
    }

    private void ref() {
        switch (entropy.nextInt(3)) {
            case 0 -> {
                var r = randomRefType();
                emit(new Instruction.RefNull(r.heap()));
                push(r);
            }
            case 1 -> {
                emit(Instruction.indexed(Opcode.REF_FUNC, entropy.nextInt(plan.functionTypes().size())));
                push(RefType.FUNCREF);
            }
            default -> {
                var t = top() instanceof RefType r ? r : randomRefType();
                ensure(List.of(t));
                emit(Opcode.REF_IS_NULL);
                pop(1);
                push(NumType.I32);
            }
        }
    }

    private void table() {
        int t = entropy.nextInt(plan.tables().size());
        var et = plan.tables().get(t).elementType();
        switch (entropy.nextInt(5)) {
            case 0 -> {
                tableIndex(t, 1);
                emit(Instruction.indexed(Opcode.TABLE_GET, t));
                pop(1);
                push(et);
            }
            case 1 -> {
                tableIndex(t, 1);
                materialize(et, 0);
                emit(Instruction.indexed(Opcode.TABLE_SET, t));
                pop(2);
            }
            case 2 -> {
                emit(Instruction.indexed(Opcode.TABLE_SIZE, t));
                push(NumType.I32);
            }
            case 3 -> {
                materialize(et, 0);
                emit(Instruction.i32(entropy.chance(900) ? entropy.between(0, 3) : values.int32()));
                push(NumType.I32);
                emit(Instruction.indexed(Opcode.TABLE_GROW, t));
                pop(2);
                push(NumType.I32);
            }
            default -> {
                tableIndex(t, 4);
                materialize(et, 0);
                length(4);
                emit(Instruction.indexed(Opcode.TABLE_FILL, t));
                pop(3);
            }
        }
    }

    private void tableBulk() {
        int choice = entropy.nextInt(3);
        if (choice < 2 && plan.elements().isEmpty()) choice = 2;
        switch (choice) {
            case 0 -> { // table.init seg table: d s n
                int seg = entropy.nextInt(plan.elements().size());
                var segment = plan.elements().get(seg);
                var ts = tablesOf(segment.type());
                if (ts.isEmpty()) return;
                int t = entropy.pick(ts);
                tableIndex(t, segment.length());
                int s = entropy.between(0, segment.length());
                emit(Instruction.i32(s));
                push(NumType.I32);
                length(segment.length() - s);
                emit(new Instruction.TwoIndex(Opcode.TABLE_INIT, seg, t));
                pop(3);
            }
            case 1 -> emit(Instruction.indexed(Opcode.ELEM_DROP, entropy.nextInt(plan.elements().size())));
            default -> { // table.copy dst src: d s n
                int dst = entropy.nextInt(plan.tables().size());
                var ts = tablesOf(plan.tables().get(dst).elementType());
                int src = entropy.pick(ts);
                if ((dst != 0 || src != 0) && !config.has(Feature.REFERENCE_TYPES)) return;
                tableIndex(dst, 4);
                tableIndex(src, 4);
                length(4);
                emit(new Instruction.TwoIndex(Opcode.TABLE_COPY, dst, src));
                pop(3);
            }
        }
    }

    // ---- calls

    /** A callee: mostly a later function (so call graphs are mostly acyclic), sometimes any, recursion included. */
    private int callee() {
        int n = plan.functionTypes().size();
        if (self + 1 < n && entropy.chance(850)) return entropy.between(self + 1, n - 1);
        return entropy.nextInt(n);
    }

    private void call() {
        int f = callee();
        var type = plan.functionTypes().get(f);
        ensure(type.params());
        emit(Instruction.call(f));
        pop(type.params().size());
        pushAll(type.results());
    }

    /** A funcref table and an index into it, mostly one holding a function of {@code type}. */
    private int indirectTarget(FuncType type) {
        var ts = tablesOf(RefType.FUNCREF);
        int t = config.has(Feature.REFERENCE_TYPES) ? entropy.pick(ts) : 0;
        var slots = plan.tableSlots().get(t);
        var matching = new ArrayList<Integer>();
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] >= 0 && plan.functionTypes().get(slots[i]).equals(type)) matching.add(i);
        }
        if (!matching.isEmpty() && entropy.chance(800)) {
            emit(Instruction.i32(entropy.pick(matching)));
            push(NumType.I32);
        } else {
            // A null slot, a function of another type, or out of bounds: each traps differently.
            tableIndex(t, 1);
        }
        return t;
    }

    private FuncType indirectType() {
        // Types of real functions most of the time, so calls can succeed.
        return entropy.chance(800) ? entropy.pick(plan.functionTypes()) : entropy.pick(plan.blockTypes());
    }

    private void callIndirect(boolean tail) {
        var type = indirectType();
        ensure(type.params());
        int t = indirectTarget(type);
        emit(new Instruction.TwoIndex(tail ? Opcode.RETURN_CALL_INDIRECT : Opcode.CALL_INDIRECT, types.type(type), t));
        pop(type.params().size() + 1);
        if (tail) unreachable(); else pushAll(type.results());
    }

    private void tailCall() {
        var results = frames.getFirst().results;
        if (entropy.nextBoolean()) {
            var candidates = new ArrayList<Integer>();
            for (int i = 0; i < plan.functionTypes().size(); i++) {
                if (plan.functionTypes().get(i).results().equals(results)) candidates.add(i);
            }
            if (candidates.isEmpty()) return;
            int f = entropy.pick(candidates);
            var type = plan.functionTypes().get(f);
            ensure(type.params());
            emit(new Instruction.Indexed(Opcode.RETURN_CALL, f));
            unreachable();
        } else {
            var candidates = plan.functionTypes().stream().filter(ft -> ft.results().equals(results)).toList();
            if (candidates.isEmpty()) return;
            var type = entropy.pick(candidates);
            ensure(type.params());
            int t = indirectTarget(type);
            emit(new Instruction.TwoIndex(Opcode.RETURN_CALL_INDIRECT, types.type(type), t));
            unreachable();
        }
    }

    // ---- control

    private List<ValType> randomTypes(int max) {
        int n = entropy.between(0, max);
        var out = new ArrayList<ValType>(n);
        for (int i = 0; i < n; i++) out.add(randomType());
        return out;
    }

    private void open(Kind kind) {
        if (frames.size() > config.maxDepth() || budget < 4) return;
        boolean multi = config.has(Feature.MULTI_VALUE);
        List<ValType> params = List.of();
        if (multi && avail() > 0 && entropy.chance(500)) {
            // Block parameters taken from values already on the stack.
            int n = entropy.between(1, Math.min(3, avail()));
            params = List.copyOf(stack.subList(stack.size() - n, stack.size()));
        } else if (multi && entropy.chance(200)) {
            params = randomTypes(2);
        }
        var results = randomTypes(multi ? 3 : 1);
        var blockType = params.isEmpty() && results.size() <= 1
                ? (results.isEmpty() ? BlockType.EMPTY : BlockType.of(results.getFirst()))
                : new BlockType.TypeIndex(types.type(FuncType.of(params, results)));
        int counter = -1;
        if (kind == Kind.IF) {
            ensure(params);
            condition(params.isEmpty());
            pop(1);
        } else {
            if (kind == Kind.LOOP && entropy.chance(700)) {
                // A counted loop: a private counter, decremented at the back edge.
                counter = newLocal(NumType.I32);
                emit(Instruction.i32(entropy.between(1, 8)));
                emit(Instruction.indexed(Opcode.LOCAL_SET, counter));
            }
            ensure(params);
        }
        pop(params.size());
        var op = switch (kind) {
            case BLOCK -> Opcode.BLOCK;
            case LOOP -> Opcode.LOOP;
            default -> Opcode.IF;
        };
        emit(new Instruction.Block(op, blockType));
        var f = new Frame(kind == Kind.BLOCK ? FrameKind.BLOCK : kind == Kind.LOOP ? FrameKind.LOOP : FrameKind.IF,
                params, results, stack.size());
        f.counter = counter;
        frames.add(f);
        pushAll(params);
        if (kind == Kind.LOOP) fuelCheck();
    }

    /** Closes the innermost frame: back edge for counted loops, else branch when an if needs one, results, end. */
    private void closeFrame() {
        var f = frame();
        if (f.kind == FrameKind.LOOP && f.counter >= 0 && !f.unreachable) {
            ensure(f.params);
            emit(Instruction.localGet(f.counter));
            emit(Instruction.i32(1));
            emit(Opcode.I32_SUB);
            emit(Instruction.indexed(Opcode.LOCAL_TEE, f.counter));
            emit(Instruction.indexed(Opcode.BR_IF, 0));
        }
        if (f.kind == FrameKind.IF && !f.hasElse && (!f.params.equals(f.results) || entropy.chance(400))) {
            fixStack(f, f.results);
            emit(Opcode.ELSE);
            while (stack.size() > f.height) stack.removeLast();
            pushAll(f.params);
            f.hasElse = true;
            f.unreachable = false;
            // A short else branch of its own.
            int steps = Math.min(budget, entropy.between(0, 6));
            budget -= steps;
            for (int i = 0; i < steps; i++) step();
            if (frame() != f) return; // a nested frame opened: it closes first, this one later
        }
        fixStack(f, f.results);
        emit(Opcode.END);
        while (stack.size() > f.height) stack.removeLast();
        frames.removeLast();
        pushAll(f.results);
    }

    /** Makes the values above the frame's height exactly {@code results}. */
    private void fixStack(Frame f, List<ValType> results) {
        if (f.unreachable) {
            while (stack.size() > f.height) {
                emit(Opcode.DROP);
                stack.removeLast();
            }
            // An empty polymorphic stack satisfies any result type; sometimes provide them anyway.
            if (entropy.nextBoolean()) for (var t : results) materialize(t, 0);
            while (stack.size() > f.height) stack.removeLast();
            return;
        }
        int a = stack.size() - f.height, keep = 0;
        for (int p = Math.min(a, results.size()); p > 0; p--) {
            if (stack.subList(f.height, f.height + p).equals(results.subList(0, p))) {
                keep = p;
                break;
            }
        }
        while (stack.size() > f.height + keep) reduceTop();
        for (int i = keep; i < results.size(); i++) materialize(results.get(i), 0);
    }

    private int labelOf(int frameIndex) {
        return frames.size() - 1 - frameIndex;
    }

    private int pickTarget() {
        // Prefer frames with results: their values then arrive from several branches.
        int i = entropy.nextInt(frames.size());
        if (frames.get(i).labelTypes().isEmpty() && entropy.nextBoolean()) i = entropy.nextInt(frames.size());
        return i;
    }

    private void br() {
        int i = pickTarget();
        ensure(frames.get(i).labelTypes());
        emit(Instruction.indexed(Opcode.BR, labelOf(i)));
        unreachable();
    }

    private void brIf() {
        int i = pickTarget();
        var types = frames.get(i).labelTypes();
        ensure(types);
        condition(types.isEmpty());
        emit(Instruction.indexed(Opcode.BR_IF, labelOf(i)));
        pop(1 + types.size());
        pushAll(types);
    }

    private void brTable() {
        int def = pickTarget();
        var types = frames.get(def).labelTypes();
        var same = new ArrayList<Integer>();
        for (int i = 0; i < frames.size(); i++) if (frames.get(i).labelTypes().equals(types)) same.add(i);
        int n = entropy.chance(200) ? entropy.between(16, 64) : entropy.between(0, 6);
        var labels = new ArrayList<Integer>(n);
        for (int k = 0; k < n; k++) labels.add(labelOf(entropy.pick(same)));
        ensure(types);
        condition(types.isEmpty());
        emit(new Instruction.BrTable(labels, labelOf(def)));
        unreachable();
    }

    private void simd() {
        var ops = catalog.ofKind(Kind.SIMD);
        if (ops.isEmpty()) return;
        var op = entropy.pick(ops);
        switch (op.op().immediate()) {
            case MEMARG -> {
                if (!plan.hasMemory()) return;
                if (op.results().isEmpty()) { // v128.store
                    long offset = address(op.op().size());
                    materialize(VecType.V128, 0);
                    emit(new Instruction.Memory(op.op(), memArg(op.op(), offset)));
                    pop(2);
                } else {
                    load(op);
                }
            }
            case MEMARG_LANE -> {
                if (!plan.hasMemory()) return;
                long offset = address(op.op().size());
                materialize(VecType.V128, 0);
                emit(new Instruction.MemoryLane(op.op(), memArg(op.op(), offset), entropy.nextInt(op.op().laneCount())));
                pop(2);
                pushAll(op.results());
            }
            default -> pure(op);
        }
    }

    /**
     * {@code if (fuel == 0) unreachable; fuel -= 1}: at function entry and every loop iteration, so
     * every execution ends after at most {@code fuel} calls and loop iterations — and call depth
     * never exceeds the fuel either, which is what keeps recursion from exhausting the stack first.
     */
    private void fuelCheck() {
        int g = plan.fuelGlobal();
        emit(Instruction.indexed(Opcode.GLOBAL_GET, g));
        emit(Opcode.I32_EQZ);
        emit(new Instruction.Block(Opcode.IF, BlockType.EMPTY));
        emit(Opcode.UNREACHABLE);
        emit(Opcode.END);
        emit(Instruction.indexed(Opcode.GLOBAL_GET, g));
        emit(Instruction.i32(1));
        emit(Opcode.I32_SUB);
        emit(Instruction.indexed(Opcode.GLOBAL_SET, g));
    }

    static boolean isImmediateGeneric(Immediate i) {
        return i == Immediate.NONE || i == Immediate.LANE || i == Immediate.SHUFFLE;
    }
}

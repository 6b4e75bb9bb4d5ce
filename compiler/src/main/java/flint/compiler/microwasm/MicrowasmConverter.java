package flint.compiler.microwasm;

import flint.wasm.binary.CodeReader;
import flint.wasm.model.FuncType;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.Instruction;
import flint.wasm.model.LocalGroup;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.validate.FunctionValidator;
import flint.wasm.validate.ModuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Turns Wasm function bodies into Microwasm in one pass: each operator is read from the body
 * ({@link CodeReader}), validated ({@link FunctionValidator}, in lockstep, which also tells the
 * converter the operand types it needs), and translated into zero or more {@link MicroOp}s that
 * go straight to a {@link MicrowasmSink}. Nothing of the function is kept but the open control
 * frames and the label table.
 *
 * <p>The translation (see {@link MicroOp} for the target's rules):
 * <ul>
 *   <li>locals live at the bottom of the stack: the declared ones are pushed as zero constants on
 *       entry, {@code local.get} is a {@link MicroOp.Pick}, {@code local.set} a
 *       {@link MicroOp.Swap} and a {@link MicroOp.Drop};
 *   <li>{@code block} emits nothing; its end label is declared when the first branch names it, and
 *       defined at its {@code end} only if some branch did (else the fall-through just goes on);
 *   <li>{@code loop} jumps to a fresh header block that may be re-entered from below;
 *   <li>{@code if} is a two-way {@link MicroOp.BrIf} to a {@code then} and an {@code else} block
 *       (an {@code if} without {@code else} gets an empty one), {@code br_if} a two-way jump to
 *       its target and to a fresh fall-through block;
 *   <li>{@code return} and branches to the function's label jump to {@link Target#RETURN};
 *   <li>code after a terminator is validated but not emitted, up to the point where control can
 *       reach again (an {@code else}, or the {@code end} of a block something branched to).
 * </ul>
 *
 * <p>Errors: invalid code throws the validator's {@code InvalidModuleException}, malformed code the
 * decoder's {@code MalformedModuleException}. Valid code the native compiler cannot handle yet
 * throws {@link UnsupportedFeatureException}, but only after the rest of the body has been
 * validated, so that an invalid body is always reported as invalid. Either way the sink has seen
 * part of the function only.
 *
 * <p>An instance is reusable for the functions of one module, one at a time (not thread-safe).
 */
public final class MicrowasmConverter {
    /**
     * The most locals (parameters included) a function may have, as in V8 and Wasmtime. Every
     * block declaration lists them all, so a function with millions would be quadratic.
     */
    public static final int MAX_LOCALS = 50_000;

    private static final MicroOp I32_ZERO = new MicroOp.I32Const(0);
    private static final MicroOp I64_ZERO = new MicroOp.I64Const(0);
    private static final MicroOp F32_ZERO = new MicroOp.F32Const(0);
    private static final MicroOp F64_ZERO = new MicroOp.F64Const(0);

    private final ModuleContext ctx;
    private final FunctionValidator validator;
    private final Support support;
    private final BlockTable blocks = new BlockTable();
    private final List<ControlFrame> frames = new ArrayList<>();

    // The function being converted.
    private MicrowasmSink sink;
    private ValType[] localTypes;
    private int localCount;
    private int resultCount;
    private int nextConstruct;
    /** Whether control can reach the current point; operators are emitted only then. */
    private boolean live;

    /** @param context the validated module level, from {@code Validator.validateModule} */
    public MicrowasmConverter(ModuleContext context) {
        this.ctx = context;
        this.validator = new FunctionValidator(context);
        this.support = new Support(context);
    }

    /** Converts one defined function into a list (for tests, printing and the interpreter). */
    public MicrowasmFunction convert(int functionIndex, FunctionBody body) {
        var sink = new CollectingSink();
        convert(functionIndex, body, sink);
        return sink.single();
    }

    /**
     * Validates and converts function {@code functionIndex} (function index space, imports first)
     * whose body is {@code body}, streaming its Microwasm into {@code sink}.
     *
     * @throws flint.wasm.validate.InvalidModuleException if the body is invalid
     * @throws flint.wasm.binary.MalformedModuleException if the body is not well-formed
     * @throws UnsupportedFeatureException if the body is valid but uses what the compiler cannot handle yet
     */
    public void convert(int functionIndex, FunctionBody body, MicrowasmSink sink) {
        begin(functionIndex, body, sink);
        var reader = new CodeReader(body);
        while (reader.hasNext()) {
            long at = reader.offset();
            step(reader.next(), at);
        }
        validator.finish();
        // Only now, so that an invalid function is reported as invalid whatever else it uses.
        if (support.failed()) throw support.failure();
        sink.endFunction(blocks.summary());
    }

    // ---- Function entry ---------------------------------------------------------------------------

    private void begin(int functionIndex, FunctionBody body, MicrowasmSink sink) {
        validator.begin(functionIndex, body);
        support.begin(functionIndex);
        this.sink = sink;
        this.nextConstruct = 0;
        blocks.clear();
        frames.clear();
        live = false;

        FuncType type = validator.functionType();
        resultCount = type.results().size();
        long count = validator.localCount();
        if (count > MAX_LOCALS) {
            support.tooManyLocals(count, MAX_LOCALS);
            return;
        }
        localCount = (int) count;
        // A fresh array per function: block declarations share it (see StackTypes).
        localTypes = new ValType[localCount];
        for (int i = 0; i < localCount; i++) localTypes[i] = validator.localType(i);
        var declared = declaredLocals(body.locals());
        if (!support.numbers(type.params(), "parameter ") || !support.numbers(type.results(), "result ")) return;
        for (int i = 0; i < declared.size(); i++) {
            if (!support.number(declared.get(i), "local " + (type.params().size() + i))) return;
        }
        frames.add(new ControlFrame(ControlFrame.Kind.FUNCTION, -1, true, 0, 0, type.results()));
        live = true;
        sink.beginFunction(new FunctionHeader(functionIndex, type, declared));
        for (var t : declared) emit(zero(t));
    }

    /** The initial value of a declared local: zero, or the null reference. */
    private static MicroOp zero(ValType type) {
        return switch (type) {
            case NumType.I32 -> I32_ZERO;
            case NumType.I64 -> I64_ZERO;
            case NumType.F32 -> F32_ZERO;
            case NumType.F64 -> F64_ZERO;
            case RefType r -> new MicroOp.RefNull(r);
            default -> throw new IllegalArgumentException("no zero of " + type.text());
        };
    }

    private static List<ValType> declaredLocals(List<LocalGroup> groups) {
        var out = new ArrayList<ValType>();
        for (var g : groups) for (long i = 0; i < g.count(); i++) out.add(g.type());
        return out;
    }

    // ---- One instruction ----------------------------------------------------------------------------

    private void step(Instruction insn, long at) {
        var op = insn.opcode();
        if (support.failed()) {
            validator.validate(insn, at);
            return;
        }
        if (!live && !opensOrClosesFrame(op)) {
            // Dead code may be ill-typed in ways only the polymorphic stack accepts: validate, emit nothing.
            validator.validate(insn, at);
            return;
        }
        int height = localCount + validator.operandHeight();
        validator.validate(insn, at);
        support.at(at);
        translate(insn, op, height);
        // After a failure nothing is tracked any more (an unsupported throw leaves `live` as it was).
        assert support.failed() || !live || !validator.isUnreachable() : "live code the validator thinks unreachable at " + insn;
    }

    private static boolean opensOrClosesFrame(Opcode op) {
        return switch (op) {
            case BLOCK, LOOP, IF, ELSE, END, TRY_TABLE -> true;
            default -> false;
        };
    }

    /**
     * Translates one validated instruction. {@code h} is the Microwasm stack height before it;
     * the validator already holds the state after it.
     */
    private void translate(Instruction insn, Opcode op, int h) {
        switch (op) {
            case NOP -> { }
            case UNREACHABLE -> {
                emit(MicroOp.UNREACHABLE);
                live = false;
            }
            case BLOCK, LOOP, IF -> open(op, h);
            case TRY_TABLE -> {
                if (live) support.instruction(op);
                else frames.add(ControlFrame.dead(ControlFrame.Kind.BLOCK));
            }
            case ELSE -> elseArm(h);
            case END -> close(h);
            case BR -> {
                jump(new MicroOp.Br(targetOf(frame(index(insn)), h)));
                live = false;
            }
            case BR_IF -> brIf(frame(index(insn)), h - 1);
            case BR_TABLE -> brTable((Instruction.BrTable) insn, h - 1);
            case RETURN -> {
                jump(new MicroOp.Br(returnTarget(h)));
                live = false;
            }
            case CALL -> call(index(insn));
            case DROP -> emit(new MicroOp.Drop(DropRange.top()));
            case SELECT, SELECT_T -> {
                var type = validator.polymorphicType();
                if (support.number(type, "select")) emit(new MicroOp.Select(Support.erase(type)));
            }
            case REF_NULL -> {
                var heap = ((Instruction.RefNull) insn).type();
                if (support.heapType(heap, op)) emit(new MicroOp.RefNull(new RefType(true, heap)));
            }
            case REF_IS_NULL -> emit(MicroOp.REF_IS_NULL);
            case REF_FUNC -> emit(new MicroOp.RefFunc(index(insn)));
            case CALL_INDIRECT -> callIndirect((Instruction.TwoIndex) insn);
            case TABLE_GET, TABLE_SET, TABLE_SIZE, TABLE_GROW, TABLE_FILL -> {
                int t = index(insn);
                if (!support.table(t, op)) return;
                var type = ctx.table(t).elementType();
                emit(switch (op) {
                    case TABLE_GET -> new MicroOp.TableGet(t, type);
                    case TABLE_SET -> new MicroOp.TableSet(t, type);
                    case TABLE_SIZE -> new MicroOp.TableSize(t);
                    case TABLE_GROW -> new MicroOp.TableGrow(t, type);
                    default -> new MicroOp.TableFill(t, type);
                });
            }
            case TABLE_COPY -> {
                var ti = (Instruction.TwoIndex) insn;
                if (support.table(ti.first(), op) && support.table(ti.second(), op)) {
                    emit(new MicroOp.TableCopy(ti.first(), ti.second()));
                }
            }
            case TABLE_INIT -> {
                var ti = (Instruction.TwoIndex) insn; // binary order: segment, then table
                if (support.table(ti.second(), op)) emit(new MicroOp.TableInit(ti.second(), ti.first()));
            }
            case ELEM_DROP -> emit(new MicroOp.ElemDrop(index(insn)));
            case MEMORY_COPY -> {
                var ti = (Instruction.TwoIndex) insn;
                if (support.memory(ti.first(), op) && support.memory(ti.second(), op)) {
                    emit(new MicroOp.MemoryCopy(ti.first(), ti.second()));
                }
            }
            case MEMORY_FILL -> {
                int memory = index(insn);
                if (support.memory(memory, op)) emit(new MicroOp.MemoryFill(memory));
            }
            case MEMORY_INIT -> {
                var ti = (Instruction.TwoIndex) insn; // binary order: segment, then memory
                if (support.memory(ti.second(), op)) emit(new MicroOp.MemoryInit(ti.second(), ti.first()));
            }
            case DATA_DROP -> emit(new MicroOp.DataDrop(index(insn)));
            case LOCAL_GET -> emit(new MicroOp.Pick(h - 1 - index(insn)));
            case LOCAL_SET -> {
                emit(new MicroOp.Swap(h - 1 - index(insn)));
                emit(new MicroOp.Drop(DropRange.top()));
            }
            case LOCAL_TEE -> {
                emit(new MicroOp.Pick(0));
                emit(new MicroOp.Swap(h - index(insn)));
                emit(new MicroOp.Drop(DropRange.top()));
            }
            case GLOBAL_GET, GLOBAL_SET -> {
                int g = index(insn);
                var type = ctx.global(g).type();
                if (support.number(type, "global " + g)) {
                    emit(op == Opcode.GLOBAL_GET ? new MicroOp.GlobalGet(g, type) : new MicroOp.GlobalSet(g, type));
                }
            }
            case MEMORY_SIZE, MEMORY_GROW -> {
                int memory = index(insn);
                if (support.memory(memory, op)) {
                    emit(op == Opcode.MEMORY_SIZE ? new MicroOp.MemorySize(memory) : new MicroOp.MemoryGrow(memory));
                }
            }
            case I32_CONST -> emit(new MicroOp.I32Const(((Instruction.I32Const) insn).value()));
            case I64_CONST -> emit(new MicroOp.I64Const(((Instruction.I64Const) insn).value()));
            case F32_CONST -> emit(new MicroOp.F32Const(((Instruction.F32Const) insn).bits()));
            case F64_CONST -> emit(new MicroOp.F64Const(((Instruction.F64Const) insn).bits()));
            default -> {
                var simple = Operators.simple(op);
                if (simple != null) {
                    emit(simple);
                } else if (Operators.isIntegerAccess(op)) {
                    var memArg = ((Instruction.Memory) insn).memArg();
                    if (support.memory(memArg.memory(), op)) emit(Operators.access(op, memArg));
                } else if (Operators.isFloatAccess(op)) {
                    var memArg = ((Instruction.Memory) insn).memArg();
                    if (support.memory(memArg.memory(), op)) emit(Operators.floatAccess(op, memArg));
                } else {
                    support.instruction(op);
                }
            }
        }
    }

    // ---- Structured control ----------------------------------------------------------------------------

    private void open(Opcode op, int h) {
        var kind = switch (op) {
            case BLOCK -> ControlFrame.Kind.BLOCK;
            case LOOP -> ControlFrame.Kind.LOOP;
            default -> ControlFrame.Kind.IF;
        };
        if (!live) {
            frames.add(ControlFrame.dead(kind));
            return;
        }
        // The validator has just opened the frame: label 0 is its block type.
        var params = validator.frameStartTypes(0);
        var results = validator.frameEndTypes(0);
        if (!support.numbers(params, op.mnemonic() + " parameter ") || !support.numbers(results, op.mnemonic() + " result ")) {
            return;
        }
        int below = kind == ControlFrame.Kind.IF ? h - 1 : h; // the condition is gone
        var frame = new ControlFrame(kind, nextConstruct++, true, below - params.size(), params.size(), results);
        frames.add(frame);
        switch (kind) {
            case BLOCK -> { }
            case LOOP -> {
                var header = frame.loopLabel();
                declare(header, stackTypes(below), true, OptionalInt.empty());
                jump(new MicroOp.Br(BrTarget.to(header)));
                define(header);
            }
            default -> {
                var stack = stackTypes(below);
                declare(frame.thenLabel(), stack, false, OptionalInt.of(1));
                declare(frame.elseLabel(), stack, false, OptionalInt.of(1));
                jump(new MicroOp.BrIf(BrTarget.to(frame.thenLabel()), BrTarget.to(frame.elseLabel())));
                define(frame.thenLabel());
            }
        }
    }

    private void elseArm(int h) {
        var frame = frames.getLast();
        frame.inElse = true;
        if (!frame.live) return;
        if (live) jump(new MicroOp.Br(targetOf(frame, h)));
        define(frame.elseLabel());
    }

    private void close(int h) {
        var frame = frames.removeLast();
        switch (frame.kind) {
            case FUNCTION -> {
                if (live) jump(new MicroOp.Br(returnTarget(h)));
                live = false;
            }
            // Branches to a loop go to its header: its end is only ever reached by falling through.
            case LOOP -> { }
            case BLOCK -> join(frame, h);
            case IF -> {
                if (frame.live && !frame.inElse) {
                    // The implicit else passes the parameters through as the results.
                    if (live) jump(new MicroOp.Br(targetOf(frame, h)));
                    define(frame.elseLabel());
                    h = frame.base + frame.paramCount;
                }
                join(frame, h);
            }
        }
    }

    /**
     * Where a block's fall-through and its branches meet. Without branches there is nothing to
     * join: the fall-through (if any) just goes on, so {@code block ... end} costs nothing.
     */
    private void join(ControlFrame frame, int h) {
        if (!frame.live || blocks.callers(frame.endLabel()) == 0) return;
        if (live) jump(new MicroOp.Br(targetOf(frame, h)));
        define(frame.endLabel());
    }

    private void brIf(ControlFrame target, int h) {
        var taken = targetOf(target, h);
        var next = new Label(nextConstruct++, Label.Role.NEXT);
        declare(next, stackTypes(h), false, OptionalInt.of(1));
        jump(new MicroOp.BrIf(taken, BrTarget.to(next)));
        define(next);
    }

    private void brTable(Instruction.BrTable insn, int h) {
        var targets = new ArrayList<BrTarget>(insn.labels().size());
        for (int label : insn.labels()) targets.add(targetOf(frame(label), h));
        var fallback = targetOf(frame(insn.defaultLabel()), h);
        jump(new MicroOp.BrTable(targets, fallback));
        live = false;
    }

    private void callIndirect(Instruction.TwoIndex insn) {
        int typeIndex = insn.first();
        int table = insn.second();
        var type = ctx.type(typeIndex);
        if (support.table(table, Opcode.CALL_INDIRECT)
                && support.numbers(type.params(), "call_indirect parameter ")
                && support.numbers(type.results(), "call_indirect result ")) {
            emit(new MicroOp.CallIndirect(typeIndex, table, type));
        }
    }

    private void call(int callee) {
        var type = ctx.type(ctx.functionTypeIndex(callee));
        if (support.numbers(type.params(), "call " + callee + " parameter ")
                && support.numbers(type.results(), "call " + callee + " result ")) {
            emit(new MicroOp.Call(callee, type));
        }
    }

    // ---- Jumps and labels ------------------------------------------------------------------------------

    /**
     * The way to the label of {@code frame} from a stack of height {@code h} whose top values are
     * the branch's arguments: everything between them and the frame's base is dropped. Declares a
     * block's end label on its first use.
     */
    private BrTarget targetOf(ControlFrame frame, int h) {
        if (frame.kind == ControlFrame.Kind.FUNCTION) return returnTarget(h);
        int arity = frame.labelArity();
        Label label;
        if (frame.kind == ControlFrame.Kind.LOOP) {
            label = frame.loopLabel();
        } else {
            label = frame.endLabel();
            if (!blocks.isDeclared(label)) declare(label, stackTypes(frame.base, frame.results), false, OptionalInt.empty());
        }
        return new BrTarget(label, DropRange.of(arity, h - arity - frame.base));
    }

    /** Out of the function: keep the results, drop everything under them, locals included. */
    private BrTarget returnTarget(int h) {
        return new BrTarget(Target.RETURN, DropRange.of(resultCount, h - resultCount));
    }

    /** Emits a jump and counts it as one caller of each label it can reach. */
    private void jump(MicroOp jump) {
        switch (jump) {
            case MicroOp.Br br -> recordCall(br.target().target());
            case MicroOp.BrIf brIf -> {
                recordCall(brIf.ifTrue().target());
                if (!brIf.ifFalse().target().equals(brIf.ifTrue().target())) recordCall(brIf.ifFalse().target());
            }
            case MicroOp.BrTable table -> {
                var seen = new java.util.HashSet<Target>();
                for (var t : table.targets()) if (seen.add(t.target())) recordCall(t.target());
                if (seen.add(table.defaultTarget().target())) recordCall(table.defaultTarget().target());
            }
            default -> throw new IllegalArgumentException("not a jump: " + jump);
        }
        emit(jump);
    }

    private void recordCall(Target target) {
        if (target instanceof Label label) blocks.recordCall(label);
    }

    private void declare(Label label, List<ValType> params, boolean backward, OptionalInt callers) {
        blocks.declare(label, params);
        emit(new MicroOp.DeclareBlock(label, params, backward, callers));
    }

    /** Starts the block {@code label}; control is live again. */
    private void define(Label label) {
        blocks.define(label);
        emit(new MicroOp.DefineLabel(label));
        live = true;
    }

    // ---- State queries ---------------------------------------------------------------------------------

    /** The frame of Wasm label {@code depth} (0 = innermost). */
    private ControlFrame frame(int depth) {
        return frames.get(frames.size() - 1 - depth);
    }

    /** The types of the bottom {@code n} stack entries: locals, then operands as the validator has them now. */
    private List<ValType> stackTypes(int n) {
        return stackTypes(n, List.of());
    }

    /** The bottom {@code n} stack types followed by {@code more}. */
    private List<ValType> stackTypes(int n, List<ValType> more) {
        int locals = Math.min(n, localCount);
        var operands = new ValType[n - locals + more.size()];
        int height = validator.operandHeight();
        for (int i = locals; i < n; i++) {
            operands[i - locals] = Support.erase(validator.operandType(height - 1 - (i - localCount)));
        }
        for (int i = 0; i < more.size(); i++) operands[n - locals + i] = more.get(i);
        return new StackTypes(localTypes, locals, operands);
    }

    private static int index(Instruction insn) {
        return ((Instruction.Indexed) insn).index();
    }

    private void emit(MicroOp op) {
        if (!support.failed()) sink.op(op);
    }
}

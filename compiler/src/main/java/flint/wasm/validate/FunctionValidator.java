package flint.wasm.validate;

import flint.wasm.binary.MalformedModuleException;
import flint.wasm.model.FuncType;
import flint.wasm.model.FunctionBody;
import flint.wasm.model.Instruction;
import flint.wasm.model.LocalGroup;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;

import java.util.Arrays;
import java.util.List;

/**
 * Validates one function body an instruction at a time, so a single-pass consumer (the streaming
 * compiler, a printer) can drive it in lockstep with its own work and ask it about the state the
 * instruction left behind: operand types, reachability, the label types of enclosing blocks.
 *
 * <p>This is the spec appendix's validation algorithm: an operand stack whose entries may be the
 * unknown type (reported as {@code null}) once code is unreachable, a stack of control frames
 * each with its label types, the stack height at entry and an {@code unreachable} flag, and a log
 * of local initializations for locals of non-defaultable type.
 *
 * <p>Use: {@link #begin} for each function, {@link #validate} for every instruction of the body
 * including the final {@code end}, then {@link #finish}. An instance is reusable (its buffers are
 * kept across functions) but not thread-safe; the {@link ModuleContext} may be shared.
 *
 * <p>An invalid body gives an {@link InvalidModuleException}. A body that is not even well-formed
 * (an {@code else} outside an {@code if}, code after the final {@code end}, a missing final
 * {@code end}, {@code memory.init} or {@code data.drop} without a data count section) gives the
 * decoder's {@link MalformedModuleException} with the decoder's wording: {@link
 * flint.wasm.binary.ModuleDecoder#decode} rejects those up front, but a consumer of
 * {@link flint.wasm.binary.ModuleDecoder#decodeLazily} or of hand-built bodies relies on this class
 * to catch them, and gets the same classification either way.
 */
public final class FunctionValidator {
    private final ModuleContext ctx;
    private final TypingState s;
    private final ControlRules control;
    private final VariableRules variables;
    private final ReferenceRules references;
    private final MemoryRules memory;
    private final TableRules tables;
    private final NumericRules numeric;

    public FunctionValidator(ModuleContext context) {
        this.ctx = context;
        this.s = new TypingState(context);
        this.control = new ControlRules(s);
        this.variables = new VariableRules(s);
        this.references = new ReferenceRules(s);
        this.memory = new MemoryRules(s);
        this.tables = new TableRules(s);
        this.numeric = new NumericRules(s, memory);
    }

    /** Starts validating function {@code functionIndex} (imports first) with the body's local declarations. */
    public void begin(int functionIndex, FunctionBody body) {
        begin(functionIndex, body.locals());
    }

    /**
     * Starts validating function {@code functionIndex} (in the function index space, imports first)
     * whose body declares {@code declaredLocals}. Checks the local types.
     */
    public void begin(int functionIndex, List<LocalGroup> declaredLocals) {
        if (!ModuleContext.inRange(functionIndex, ctx.functionCount())) {
            throw new IllegalArgumentException("no function " + Integer.toUnsignedString(functionIndex));
        }
        s.begin(functionIndex, declaredLocals);
    }

    /**
     * Validates the next instruction of the body.
     *
     * @param offset the instruction's byte offset (in the module, or in the body), used in error messages only
     */
    public void validate(Instruction insn, long offset) {
        if (s.function() < 0) throw new IllegalStateException("begin() was not called");
        s.at(insn, offset);
        if (s.isDone()) throw s.malformed(MalformedModuleException.SECTION_SIZE_MISMATCH, "(code after the function's end)");
        var op = insn.opcode();
        switch (op) {
            case UNREACHABLE -> s.setUnreachable();
            case NOP -> { }
            case BLOCK, LOOP, IF, ELSE, END, TRY_TABLE, BR, BR_IF, BR_TABLE, BR_ON_NULL, BR_ON_NON_NULL,
                 RETURN, THROW, THROW_REF, CALL, CALL_INDIRECT, RETURN_CALL, RETURN_CALL_INDIRECT,
                 CALL_REF, RETURN_CALL_REF -> control.apply(op, insn);
            case LOCAL_GET, LOCAL_SET, LOCAL_TEE, GLOBAL_GET, GLOBAL_SET -> variables.apply(op, insn);
            case DROP, SELECT, SELECT_T, REF_NULL, REF_IS_NULL, REF_FUNC, REF_EQ, REF_AS_NON_NULL ->
                    references.apply(op, insn);
            case TABLE_GET, TABLE_SET, TABLE_SIZE, TABLE_GROW, TABLE_FILL, TABLE_COPY, TABLE_INIT, ELEM_DROP ->
                    tables.apply(op, insn);
            case MEMORY_INIT, MEMORY_COPY, MEMORY_FILL, DATA_DROP -> memory.applyBulk(op, insn);
            default -> numeric.apply(op, insn);
        }
    }

    /** Checks that the body was complete: its final {@code end} has been validated. */
    public void finish() {
        if (s.function() < 0) throw new IllegalStateException("begin() was not called");
        if (!s.isDone()) {
            throw s.malformed(MalformedModuleException.UNEXPECTED_END_OF_SECTION,
                    "(" + s.ctrls.size() + " block(s) of function " + s.function() + " not closed)");
        }
    }

    // ---- What a single-pass consumer can ask after each instruction ----

    public ModuleContext context() { return ctx; }

    /** The function being validated (index space with imports first), or -1 before {@link #begin}. */
    public int functionIndex() { return s.function(); }

    public FuncType functionType() { return ctx.type(ctx.functionTypeIndex(s.function())); }

    /** Whether the final {@code end} has been validated: the body is complete. */
    public boolean isDone() { return s.isDone(); }

    /** The number of locals, parameters included (u32 range). */
    public long localCount() { return s.locals.count(); }

    /** The type of local {@code index} (u32, parameters first). */
    public ValType localType(int index) {
        if (!s.locals.contains(index)) throw new IndexOutOfBoundsException(Messages.unknown("local", index));
        return s.locals.type(index);
    }

    /** The number of values on the operand stack (all frames). */
    public int operandHeight() { return s.vals.size(); }

    /** The type of the operand {@code depth} values below the top (0 = top); {@code null} for the unknown type of unreachable code. */
    public ValType operandType(int depth) {
        if (depth < 0 || depth >= s.vals.size()) throw new IndexOutOfBoundsException("operand " + depth);
        return s.vals.get(s.vals.size() - 1 - depth);
    }

    /** Whether the code at this point is unreachable (after br, return, unreachable, throw, ...) within the current block. */
    public boolean isUnreachable() { return s.isUnreachable(); }

    /** The number of open control frames, the function's own included (so labels 0 to depth-1 exist). */
    public int controlDepth() { return s.ctrls.size(); }

    /** What opened the frame of {@code label}: BLOCK (also the function body, the outermost frame), LOOP, IF, ELSE or TRY_TABLE. */
    public Opcode frameKind(int label) { return s.ctrls.kind(frame(label)); }

    /** The operand stack height at entry to the frame of {@code label}, not counting its parameters. */
    public int frameHeight(int label) { return s.ctrls.height(frame(label)); }

    /** Whether the frame of {@code label} is in unreachable code. */
    public boolean isFrameUnreachable(int label) { return s.ctrls.isUnreachable(frame(label)); }

    /** The number of values a branch to {@code label} carries. */
    public int labelArity(int label) { return s.ctrls.labelTypes(frame(label)).length; }

    /** The {@code i}th type a branch to {@code label} carries. */
    public ValType labelType(int label, int i) { return s.ctrls.labelTypes(frame(label))[i]; }

    /** The types a branch to {@code label} carries: a loop's parameters, any other frame's results. */
    public List<ValType> labelTypes(int label) { return List.of(s.ctrls.labelTypes(frame(label))); }

    /** The parameter types of the frame of {@code label}, i.e. of its block type. */
    public List<ValType> frameStartTypes(int label) { return List.of(s.ctrls.startTypes(frame(label))); }

    /** The result types of the frame of {@code label}. */
    public List<ValType> frameEndTypes(int label) { return List.of(s.ctrls.endTypes(frame(label))); }

    /**
     * For the value-polymorphic instructions, the type the last one worked on: for {@code drop}
     * the type dropped, for {@code select} (both forms) the type selected. {@code null} after any
     * other instruction, and when the type is unknown (only in unreachable code).
     */
    public ValType polymorphicType() { return s.polymorphic(); }

    private int frame(int label) {
        if (label < 0 || label >= s.ctrls.size()) throw new IndexOutOfBoundsException(Messages.unknown("label", label));
        return s.ctrls.frameOf(label);
    }

    @Override public String toString() {
        var types = new ValType[s.vals.size()];
        for (int i = 0; i < types.length; i++) types[i] = s.vals.get(i);
        var kinds = new Opcode[s.ctrls.size()];
        for (int i = 0; i < kinds.length; i++) kinds[i] = s.ctrls.kind(i);
        return "FunctionValidator[function " + s.function() + ", stack " + Messages.types(types) + ", frames "
                + Arrays.toString(kinds) + (isUnreachable() ? ", unreachable]" : "]");
    }
}

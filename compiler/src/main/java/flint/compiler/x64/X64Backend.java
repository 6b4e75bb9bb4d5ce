package flint.compiler.x64;

import flint.compiler.Abi;
import flint.compiler.AbiSequences;
import flint.compiler.CompiledModuleBuilder;
import flint.compiler.WasmTrap;
import flint.compiler.driver.Backend;
import flint.compiler.driver.Edge;
import flint.compiler.microwasm.DropRange;
import flint.compiler.microwasm.FunctionHeader;
import flint.compiler.microwasm.Label;
import flint.compiler.microwasm.MicroOp;
import flint.compiler.x64.asm.AluOp;
import flint.compiler.x64.asm.Assembler;
import flint.compiler.x64.asm.Cond;
import flint.compiler.x64.asm.Gpr;
import flint.compiler.x64.asm.Mem;
import flint.compiler.x64.asm.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * The x86-64 backend: one function at a time, into the module's {@link CompiledModuleBuilder}.
 * It wires the parts together — {@link RegisterAllocator} (where values are),
 * {@link InstructionSelector} (straight-line code), {@link ControlFlow} (jumps and conventions),
 * {@link TrapStubs}, {@link Frame} — and emits the prologue and the frame.
 *
 * <p>Frame: one fixed frame per function whose size is patched into the prologue at the end. The
 * prologue checks the stack limit (every function, so recursion is bounded) and the interrupt
 * flag; loop headers check the interrupt flag too.
 */
public final class X64Backend implements Backend<BlockState> {

    /** Receives, for listings, the code offset at which each compiled operator starts. */
    public interface Listing {
        void beginFunction(int function, int codeOffset);

        /** The code of operator {@code op}, the {@code index}th of the function's Microwasm, starts at {@code codeOffset}. */
        void op(int codeOffset, int index, MicroOp op);

        /** The body ends at {@code codeOffset}; the trap stubs follow. */
        void endFunction(int codeOffset);
    }

    private final CompiledModuleBuilder builder;
    private final Assembler asm;
    private final boolean hasMemory;
    private final Listing listing;

    private Frame frame;
    private RegisterAllocator ra;
    private InstructionSelector isel;
    private ControlFlow control;
    private TrapStubs traps;
    private AbiSequences.Frame prologue;
    private int function;

    public X64Backend(CompiledModuleBuilder builder, Listing listing) {
        this.builder = builder;
        this.asm = builder.asm();
        this.hasMemory = !builder.module().memoryTypes().isEmpty();
        this.listing = listing;
    }

    public X64Backend(CompiledModuleBuilder builder) {
        this(builder, null);
    }

    /** The register allocator of the function being compiled (for tests). */
    RegisterAllocator allocator() {
        return ra;
    }

    @Override
    public void beginFunction(FunctionHeader header) {
        function = header.index();
        frame = new Frame();
        var stack = new ValueStack();
        ra = new RegisterAllocator(stack, asm, frame);
        var moves = new Moves(asm);
        traps = new TrapStubs(builder);
        isel = new InstructionSelector(builder, ra, moves, traps, frame);
        control = new ControlFlow(asm, ra, moves, traps, header.type().results());
        if (listing != null) listing.beginFunction(function, asm.position());
        emitPrologue();
        var params = new ArrayList<StackEntry>();
        var types = header.type().params();
        for (int i = 0; i < types.size(); i++) {
            params.add(new StackEntry(new Location.Slot(Frame.incomingOffset(i)), StackEntry.machineType(types.get(i))));
        }
        ra.reset(params);
    }

    /**
     * {@link AbiSequences#prologue} with trap sites recorded: push rbp; mov rbp, rsp; sub rsp,
     * FRAME; check the stack limit; store the vmctx; check the interrupt flag; load the memory base.
     */
    private void emitPrologue() {
        asm.push(Gpr.RBP);
        asm.mov(Size.S64, Gpr.RBP, Gpr.RSP);
        int sizeField = asm.aluImm32(AluOp.SUB, Size.S64, Gpr.RSP, Abi.MIN_FRAME_SIZE);
        prologue = new AbiSequences.Frame(sizeField);
        asm.mov(Size.S64, Gpr.RAX, Mem.of(Abi.VMCTX, Abi.VMCTX_EXEC_CONTEXT));
        asm.cmp(Size.S64, Gpr.RSP, Mem.of(Gpr.RAX, Abi.EXEC_STACK_LIMIT));
        traps.branch(Cond.B, WasmTrap.CALL_STACK_EXHAUSTED);
        asm.mov(Size.S64, Mem.of(Gpr.RBP, Abi.FRAME_VMCTX), Abi.VMCTX);
        asm.cmp(Size.S32, Mem.of(Gpr.RAX, Abi.EXEC_INTERRUPT), 0);
        traps.branch(Cond.NE, WasmTrap.INTERRUPTED);
        if (hasMemory) asm.mov(Size.S64, Abi.MEMORY_BASE, Mem.of(Abi.VMCTX, Abi.MEMORY0_BASE));
    }

    @Override
    public void annotate(MicroOp op, int index) {
        if (listing == null) return;
        control.prepareFor(op);
        listing.op(asm.position(), index, op);
    }

    @Override
    public void straightLine(MicroOp op) {
        if (!(op instanceof MicroOp.Select) && !(op instanceof MicroOp.IntEqz)) ra.materializeFlags();
        isel.emit(op);
        assert ra.nothingHeld() : "holds left after " + op;
    }

    @Override
    public BlockState handOver(DropRange drop) {
        return control.handOver(drop);
    }

    @Override
    public BlockState newConvention(DropRange drop, boolean loopHeader) {
        return control.newConvention(drop, loopHeader);
    }

    @Override
    public void takeOperand() {
        control.takeOperand();
    }

    @Override
    public void jump(Edge<BlockState> edge) {
        control.jump(edge);
    }

    @Override
    public void branchIf(Edge<BlockState> ifTrue, Edge<BlockState> ifFalse) {
        control.branchIf(ifTrue, ifFalse);
    }

    @Override
    public void branchTable(List<Edge<BlockState>> targets, Edge<BlockState> defaultTarget) {
        control.branchTable(targets, defaultTarget);
    }

    @Override
    public void unreachable() {
        control.unreachable();
    }

    @Override
    public void enterBlock(Label label, BlockState convention, boolean loopHeader) {
        control.enterBlock(label, convention, loopHeader);
    }

    @Override
    public void endFunction() {
        control.finish();
        if (listing != null) listing.endFunction(asm.position());
        traps.emit();
        AbiSequences.setFrameSize(asm, prologue, frame.size());
    }
}

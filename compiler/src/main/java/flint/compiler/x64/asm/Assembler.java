package flint.compiler.x64.asm;

import static flint.compiler.x64.asm.OpMap.M0F;
import static flint.compiler.x64.asm.OpMap.PRIMARY;

import java.util.ArrayList;
import java.util.List;

/**
 * The x86-64 assembler the backend drives: one growing code buffer with labels, a constant pool
 * and relocation records. The integer and SSE instructions come from {@link GprInstructions} and
 * {@link SseInstructions}; this class adds control flow, data and the finishing steps.
 *
 * <p>Typical use: {@code newLabel()}, emit, {@code bind(label)}, ..., then {@link #finish()} for the
 * bytes and {@link #relocations()} for the linker. Not thread-safe; one assembler per compilation.
 */
public final class Assembler implements GprInstructions, SseInstructions {
    private final CodeBuffer buffer = new CodeBuffer();
    private final Labels labels = new Labels(buffer);
    private final Encoder encoder = new Encoder(buffer, labels);
    private final ConstantPool constants = new ConstantPool(labels);
    private final List<Relocation> relocations = new ArrayList<>();
    private final CpuFeatures features;
    private boolean finished;

    /** An assembler for the machine we are running on (see {@link CpuFeatures#host()}). */
    public Assembler() {
        this(CpuFeatures.host());
    }

    /** An assembler that may emit the instructions of these extensions and refuses others. */
    public Assembler(CpuFeatures features) {
        this.features = features;
    }

    @Override
    public Encoder encoder() {
        return encoder;
    }

    @Override
    public CpuFeatures features() {
        return features;
    }

    /** The offset at which the next instruction will be emitted. */
    public int position() {
        return buffer.position();
    }

    // ---------------------------------------------------------------- labels

    public Label newLabel() {
        return labels.create();
    }

    /** Binds {@code label} to the current position, patching every earlier reference to it. */
    public void bind(Label label) {
        labels.bind(label, buffer.position());
    }

    /** A new label bound to the current position (a backward branch target). */
    public Label here() {
        Label l = newLabel();
        bind(l);
        return l;
    }

    // ---------------------------------------------------------------- branches

    /** {@code jmp rel}: EB rel8 when the target is bound and near, else E9 rel32. */
    public void jmp(Label target) {
        if (fitsShortBackward(target, 2)) {
            jmpShort(target);
        } else {
            encoder.op(0, 0, PRIMARY, 0xE9);
            encoder.labelRef32(target, -1, 0);
        }
    }

    /**
     * {@code jmp rel8} — EB cb. For a forward jump the caller promises the target is within 127
     * bytes; binding the label fails otherwise.
     */
    public void jmpShort(Label target) {
        encoder.op(0, 0, PRIMARY, 0xEB);
        encoder.labelRef8(target);
    }

    /** {@code jcc rel}: 70+cc rel8 when the target is bound and near, else 0F 80+cc rel32. */
    public void jcc(Cond cond, Label target) {
        if (fitsShortBackward(target, 2)) {
            jccShort(cond, target);
        } else {
            encoder.op(0, 0, M0F, 0x80 + cond.code());
            encoder.labelRef32(target, -1, 0);
        }
    }

    /** {@code jcc rel8} — 70+cc cb, with the same promise as {@link #jmpShort}. */
    public void jccShort(Cond cond, Label target) {
        encoder.op(0, 0, PRIMARY, 0x70 + cond.code());
        encoder.labelRef8(target);
    }

    /** {@code jmp r/m64} — FF /4 (64-bit by default; no REX.W needed) */
    public void jmp(GprMem target) {
        encoder.rx(0, 0, PRIMARY, 0xFF, 4, target, 0);
    }

    /** {@code call rel32} — E8 cd, to a label in this code. */
    public void call(Label target) {
        encoder.op(0, 0, PRIMARY, 0xE8);
        encoder.labelRef32(target, -1, 0);
    }

    /** {@code call r/m64} — FF /2 */
    public void call(GprMem target) {
        encoder.rx(0, 0, PRIMARY, 0xFF, 2, target, 0);
    }

    /** {@code call rel32} — E8 cd, to a function or helper the linker places: leaves a REL32 relocation. */
    public void call(Relocation.Target target) {
        encoder.op(0, 0, PRIMARY, 0xE8);
        relocations.add(new Relocation(buffer.position(), Relocation.Kind.REL32, target));
        buffer.emit32(0);
    }

    /** A direct call to the module's function {@code index}. */
    public void callFunction(int index) {
        call(new Relocation.WasmFunction(index));
    }

    /** A direct call to runtime helper {@code id}. */
    public void callHelper(int id) {
        call(new Relocation.RuntimeHelper(id));
    }

    /** {@code movabs r64, imm64} whose immediate is the target's absolute address (an ABS64 relocation). */
    public void movabs(Gpr dst, Relocation.Target target) {
        encoder.opReg(0, Encoder.REX_W, PRIMARY, 0xB8, dst.encoding());
        relocations.add(new Relocation(buffer.position(), Relocation.Kind.ABS64, target));
        buffer.emit64(0);
    }

    /** {@code ret} — C3 */
    public void ret() {
        encoder.op(0, 0, PRIMARY, 0xC3);
    }

    /** {@code ret imm16} — C2 iw: return and pop {@code bytes} of arguments. */
    public void ret(int bytes) {
        if (bytes < 0 || bytes > 0xFFFF) {
            throw new IllegalArgumentException("ret pops an imm16: " + bytes);
        }
        encoder.op(0, 0, PRIMARY, 0xC2);
        encoder.imm16(bytes);
    }

    // ---------------------------------------------------------------- padding and debugging

    /**
     * {@code int3} — CC. For debugging only: a breakpoint in generated code raises SIGTRAP, which
     * the JVM does not handle. Traps are branches to stubs, never int3 or ud2.
     */
    public void int3() {
        encoder.op(0, 0, PRIMARY, 0xCC);
    }

    /** {@code nop} — 90 */
    public void nop() {
        buffer.emit8(0x90);
    }

    /** {@code length} bytes of NOPs in as few instructions as possible. */
    public void nop(int length) {
        buffer.nop(length);
    }

    /** Pads with multi-byte NOPs to a multiple of {@code alignment} (e.g. 16 for a loop header). */
    public void align(int alignment) {
        buffer.alignWithNops(alignment);
    }

    // ---------------------------------------------------------------- data

    /** A 16-byte constant in the pool ({@code lo} in bytes 0–7); use with {@link Mem#rip(Label)}. */
    public Label constant128(long lo, long hi) {
        return constants.get(lo, hi);
    }

    /** A 64-bit constant in the pool (upper 8 bytes zero). */
    public Label constant64(long bits) {
        return constants.get(bits, 0);
    }

    /** A 32-bit constant in the pool (upper 12 bytes zero). */
    public Label constant32(int bits) {
        return constants.get(bits & 0xFFFF_FFFFL, 0);
    }

    public Label constantF64(double value) {
        return constant64(Double.doubleToRawLongBits(value));
    }

    public Label constantF32(float value) {
        return constant32(Float.floatToRawIntBits(value));
    }

    /**
     * Places the constants requested so far here (16-byte aligned). Call between functions to keep
     * each function's constants next to it; {@link #finish()} places the rest.
     */
    public void placeConstants() {
        constants.place(buffer);
    }

    /**
     * Emits a 4-byte {@code target - origin}: a jump-table entry relative to the table's start, so
     * the table needs no relocation. {@code origin} must be bound; {@code target} may be bound later.
     */
    public void emitLabelDelta32(Label target, Label origin) {
        encoder.labelRef32(target, origin.position(), 0);
    }

    /** Emits raw bytes (data in the code stream). */
    public void emitBytes(byte[] bytes) {
        buffer.emitBytes(bytes);
    }

    /** Overwrites 4 bytes at {@code at}, e.g. the immediate returned by {@link #aluImm32}. */
    public void patch32(int at, int value) {
        buffer.patch32(at, value);
    }

    // ---------------------------------------------------------------- result

    /** The relocations recorded so far, in code order. */
    public List<Relocation> relocations() {
        return List.copyOf(relocations);
    }

    /**
     * Places the remaining constants, checks that every referenced label is bound, and returns the
     * code. The assembler cannot be used afterwards.
     */
    public byte[] finish() {
        if (finished) {
            throw new IllegalStateException("finish() already called");
        }
        placeConstants();
        labels.checkAllBound();
        finished = true;
        return buffer.toByteArray();
    }

    private boolean fitsShortBackward(Label target, int instructionLength) {
        if (!target.isBound()) {
            return false;
        }
        long rel = (long) target.position() - (buffer.position() + instructionLength);
        return rel == (byte) rel;
    }
}

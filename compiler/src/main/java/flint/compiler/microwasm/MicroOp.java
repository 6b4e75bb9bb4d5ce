package flint.compiler.microwasm;

import flint.wasm.model.FuncType;
import flint.wasm.model.MemArg;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One Microwasm operator: the flat, typed form of Wasm that the backend consumes in one pass.
 *
 * <h2>The stack</h2>
 * There are no locals: a function's parameters and locals are the bottom entries of one value
 * stack, under the Wasm operands ("locals unified with the value stack"). A function starts with
 * its parameters on the stack, local {@code i} is the entry at index {@code i} from the bottom,
 * and {@code local.get} is a {@link Pick} of it. Depths count from the top (depth 0 is the top);
 * each operator's javadoc gives its effect as {@code [before] -> [after]} with the top at the
 * right, {@code ...} standing for entries it leaves alone.
 *
 * <h2>Blocks</h2>
 * Control is a set of blocks joined by jumps. A block is declared ({@link DeclareBlock}, with the
 * types of the whole stack it expects on entry: locals, the outer operands that stay live across
 * it, and its own arguments) before any jump names it, and starts where its label is defined
 * ({@link DefineLabel}). Every block ends in a terminator ({@link Br}, {@link BrIf},
 * {@link BrTable}, {@link Unreachable}); control never falls into a label, so at a
 * {@code DefineLabel} the backend takes the block's entry convention and nothing else. Jumps name
 * explicitly which entries they drop ({@link BrTarget}), so that the stack left behind is exactly
 * the target's parameters. Code after a terminator and before the next label is never emitted.
 *
 * <h2>Invariants of the converter's output</h2>
 * {@link MicrowasmChecker} verifies them: every operator is well-typed on the stack it meets; a
 * label is declared once, before its first use, and defined at most once; only loop headers
 * ({@link DeclareBlock#hasBackwardCallers()}) are jumped to after their definition; a declared
 * {@link DeclareBlock#numCallers()} is exact; a function's operators end with a terminator.
 *
 * <p>Operators are immutable values; stateless ones may be shared.
 */
public sealed interface MicroOp {

    /** Whether control never continues to the next operator. */
    default boolean isTerminator() { return false; }

    // ---- Blocks and jumps ----------------------------------------------------------------------

    /**
     * Declares the block {@code label}: the types of the stack it expects on entry, bottom first
     * (the function's locals, then every operand live across the block, then the block's own
     * arguments). Emitted before the first jump that names the label. No stack effect.
     *
     * <p>What is known of its callers when it is declared, for the driver to choose the block's
     * convention (which is fixed by the first jump that reaches it):
     *
     * @param hasBackwardCallers true for a loop header: jumps may come after the definition, and
     *                           they must conform to the convention the entry jump fixed
     * @param numCallers         the exact number of jump sites when known in advance: 1 for the arms
     *                           of an {@code if} and the fall-through of a {@code br_if}, whose one
     *                           caller may hand its value locations over as they are; empty when
     *                           the converter cannot know yet (the end of a block, a loop header)
     */
    record DeclareBlock(Label label, List<ValType> params, boolean hasBackwardCallers, OptionalInt numCallers)
            implements MicroOp {
        public DeclareBlock {
            Objects.requireNonNull(label, "label");
            params = StackTypes.immutable(params);
            Objects.requireNonNull(numCallers, "numCallers");
        }
    }

    /**
     * The block {@code label} starts here. Control arrives only by jumps: the previous operator is
     * always a terminator. Stack: {@code [] -> [params]}, the block's declared parameters, in the
     * locations its convention (fixed by the first jump to it) gives them.
     */
    record DefineLabel(Label label) implements MicroOp {
        public DefineLabel { Objects.requireNonNull(label, "label"); }
    }

    /**
     * Jumps to {@code target}: drops its range, then the stack is the target's parameters.
     * Terminator. Stack: {@code [... dropped args] -> [... args]} at the target.
     */
    record Br(BrTarget target) implements MicroOp {
        public Br { Objects.requireNonNull(target, "target"); }
        @Override public boolean isTerminator() { return true; }
    }

    /**
     * Pops an i32 condition, then jumps to {@code ifTrue} when it is non-zero, else to
     * {@code ifFalse}; each way drops its own range. Terminator. Stack: {@code [... c] -> } the
     * chosen target's parameters. Wasm's {@code if} and {@code br_if} both become this: the
     * {@code ifFalse} of a {@code br_if} is its fall-through block, declared with one caller.
     */
    record BrIf(BrTarget ifTrue, BrTarget ifFalse) implements MicroOp {
        public BrIf {
            Objects.requireNonNull(ifTrue, "ifTrue");
            Objects.requireNonNull(ifFalse, "ifFalse");
        }
        @Override public boolean isTerminator() { return true; }
    }

    /**
     * Pops an i32 index and jumps to {@code targets[index]}, or to {@code defaultTarget} when the
     * index (unsigned) is out of range. Terminator. Stack: {@code [... i] -> } the chosen target's
     * parameters.
     */
    record BrTable(List<BrTarget> targets, BrTarget defaultTarget) implements MicroOp {
        public BrTable {
            targets = List.copyOf(targets);
            Objects.requireNonNull(defaultTarget, "defaultTarget");
        }
        @Override public boolean isTerminator() { return true; }
    }

    /** Traps with "unreachable". Terminator. */
    record Unreachable() implements MicroOp {
        @Override public boolean isTerminator() { return true; }
    }

    Unreachable UNREACHABLE = new Unreachable();

    // ---- Stack manipulation ----------------------------------------------------------------------

    /**
     * Pushes a copy of the entry at {@code depth} ({@code local.get}, and the first step of
     * {@code local.tee}). Stack: {@code [x ...(depth entries)] -> [x ... x]}.
     */
    record Pick(int depth) implements MicroOp {
        public Pick {
            if (depth < 0) throw new IllegalArgumentException("negative depth " + depth);
        }
    }

    /**
     * Exchanges the top entry with the entry at {@code depth} (at least 1): with {@link Drop} of
     * the top, this is {@code local.set}. Stack: {@code [x ... y] -> [y ... x]}.
     */
    record Swap(int depth) implements MicroOp {
        public Swap {
            if (depth < 1) throw new IllegalArgumentException("swap depth must be at least 1, not " + depth);
        }
    }

    /**
     * Removes the entries of {@code range} (not empty); the entries above it move down. Wasm's
     * {@code drop} is {@code Drop(0..0)}. Stack: {@code [... dropped kept] -> [... kept]}.
     */
    record Drop(DropRange range) implements MicroOp {
        public Drop {
            if (range.isEmpty()) throw new IllegalArgumentException("empty drop");
        }
    }

    // ---- Constants and integer arithmetic ----------------------------------------------------------

    /** Stack: {@code [] -> [i32]}. */
    record I32Const(int value) implements MicroOp {}

    /** Stack: {@code [] -> [i64]}. */
    record I64Const(long value) implements MicroOp {}

    /** clz, ctz, popcnt. Stack: {@code [t] -> [t]}. */
    record IntUnary(IntType type, IntUnaryOp op) implements MicroOp {}

    /**
     * Arithmetic, division (may trap), bitwise operators, shifts and rotates.
     * Stack: {@code [t a, t b] -> [t a op b]}, {@code b} on top.
     */
    record IntBinary(IntType type, IntBinaryOp op) implements MicroOp {}

    /** Stack: {@code [t a, t b] -> [i32 (a cond b)]}, {@code b} on top. */
    record IntCompare(IntType type, IntCondition condition) implements MicroOp {}

    /** Stack: {@code [t a] -> [i32 (a == 0)]}. */
    record IntEqz(IntType type) implements MicroOp {}

    /**
     * Sign-extends the low {@code from} bits in place ({@code i32.extend8_s}, ...,
     * {@code i64.extend32_s}); {@code from} is narrower than {@code type}. Stack: {@code [t] -> [t]}.
     */
    record SignExtend(IntType type, Width from) implements MicroOp {
        public SignExtend {
            if (from.bits() >= type.bits()) throw new IllegalArgumentException(type + ".extend" + from.bits() + "_s");
        }
    }

    /** {@code i32.wrap_i64}: keeps the low 32 bits. Stack: {@code [i64] -> [i32]}. */
    record Wrap() implements MicroOp {}

    Wrap WRAP = new Wrap();

    /** {@code i64.extend_i32_s} / {@code _u}. Stack: {@code [i32] -> [i64]}. */
    record ExtendI32(boolean signed) implements MicroOp {}

    // ---- Floating point ------------------------------------------------------------------------------

    /** An f32 constant as its bit pattern (NaN payloads included). Stack: {@code [] -> [f32]}. */
    record F32Const(int bits) implements MicroOp {}

    /** An f64 constant as its bit pattern. Stack: {@code [] -> [f64]}. */
    record F64Const(long bits) implements MicroOp {}

    /** abs, neg, ceil, floor, trunc, nearest, sqrt. Stack: {@code [t] -> [t]}. */
    record FloatUnary(FloatType type, FloatUnaryOp op) implements MicroOp {}

    /** add, sub, mul, div, min, max, copysign. Stack: {@code [t a, t b] -> [t a op b]}, {@code b} on top. */
    record FloatBinary(FloatType type, FloatBinaryOp op) implements MicroOp {}

    /** Stack: {@code [t a, t b] -> [i32 (a cond b)]}, {@code b} on top; unordered per {@link FloatCondition}. */
    record FloatCompare(FloatType type, FloatCondition condition) implements MicroOp {}

    /**
     * {@code f32.convert_i32_s} ... {@code f64.convert_i64_u}: the integer rounded to nearest-even.
     * Stack: {@code [from] -> [to]}.
     */
    record IntToFloat(IntType from, FloatType to, boolean signed) implements MicroOp {}

    /**
     * {@code i32.trunc_f32_s} ... and the saturating {@code i64.trunc_sat_f64_u}: the float
     * truncated toward zero. The trapping form traps "invalid conversion to integer" on NaN and
     * "integer overflow" when the truncated value does not fit; the saturating form gives 0 for
     * NaN and clamps. Stack: {@code [from] -> [to]}.
     */
    record FloatToInt(FloatType from, IntType to, boolean signed, boolean saturating) implements MicroOp {}

    /** {@code f64.promote_f32} (to F64) or {@code f32.demote_f64} (to F32). Stack: {@code [other] -> [to]}. */
    record FloatConvert(FloatType to) implements MicroOp {}

    /**
     * The bits unchanged, as the other type of the same width ({@code to} is the result type:
     * i32 for {@code i32.reinterpret_f32}, f32 for {@code f32.reinterpret_i32}, ...).
     * Stack: {@code [from] -> [to]}.
     */
    record Reinterpret(flint.wasm.model.NumType to) implements MicroOp {
        public Reinterpret { Objects.requireNonNull(to, "to"); }

        /** The operand's type: the other type of the same width. */
        public flint.wasm.model.NumType from() {
            return switch (to) {
                case I32 -> flint.wasm.model.NumType.F32;
                case I64 -> flint.wasm.model.NumType.F64;
                case F32 -> flint.wasm.model.NumType.I32;
                case F64 -> flint.wasm.model.NumType.I64;
            };
        }
    }

    /**
     * Stack: {@code [t a, t b, i32 c] -> [t (c != 0 ? a : b)]}. Both forms of Wasm's {@code select}.
     */
    record Select(ValType type) implements MicroOp {
        public Select { Objects.requireNonNull(type, "type"); }
    }

    // ---- Memory and globals -----------------------------------------------------------------------

    /**
     * Loads {@code width} bytes from the memory {@code memArg.memory()} at the popped address plus
     * {@code memArg.offset()}, zero- or sign-extended to {@code type} (when narrower). Traps "out
     * of bounds memory access" when any byte is outside the memory. {@code signed} is false for
     * full-width loads. Stack: {@code [i32 address] -> [t]}.
     */
    record Load(IntType type, Width width, boolean signed, MemArg memArg) implements MicroOp {
        public Load {
            if (width.bytes() > type.bytes()) throw new IllegalArgumentException(type + " load of " + width);
            if (signed && width.isFull(type)) throw new IllegalArgumentException("full-width load cannot be signed");
            Objects.requireNonNull(memArg, "memArg");
        }
    }

    /**
     * Stores the low {@code width} bytes of the popped value at the popped address plus
     * {@code memArg.offset()}; traps like {@link Load}, then nothing is written.
     * Stack: {@code [i32 address, t value] -> []}.
     */
    record Store(IntType type, Width width, MemArg memArg) implements MicroOp {
        public Store {
            if (width.bytes() > type.bytes()) throw new IllegalArgumentException(type + " store of " + width);
            Objects.requireNonNull(memArg, "memArg");
        }
    }

    /** {@code f32.load} / {@code f64.load}: traps like {@link Load}. Stack: {@code [i32 address] -> [t]}. */
    record FloatLoad(FloatType type, MemArg memArg) implements MicroOp {
        public FloatLoad { Objects.requireNonNull(memArg, "memArg"); }
    }

    /** {@code f32.store} / {@code f64.store}, the bits as they are. Stack: {@code [i32 address, t value] -> []}. */
    record FloatStore(FloatType type, MemArg memArg) implements MicroOp {
        public FloatStore { Objects.requireNonNull(memArg, "memArg"); }
    }

    /** The size of memory {@code memory} in 64 KiB pages. Stack: {@code [] -> [i32]}. */
    record MemorySize(int memory) implements MicroOp {}

    /**
     * Grows memory {@code memory} by the popped number of pages; pushes the old size, or -1 when it
     * cannot grow (past its maximum or the engine's limit). Stack: {@code [i32 delta] -> [i32]}.
     */
    record MemoryGrow(int memory) implements MicroOp {}

    /** Stack: {@code [] -> [type]}. {@code global} is in the global index space (imports first). */
    record GlobalGet(int global, ValType type) implements MicroOp {
        public GlobalGet { Objects.requireNonNull(type, "type"); }
    }

    /** Stack: {@code [type] -> []}. The global is mutable (validation checked it). */
    record GlobalSet(int global, ValType type) implements MicroOp {
        public GlobalSet { Objects.requireNonNull(type, "type"); }
    }

    // ---- Calls --------------------------------------------------------------------------------------

    /**
     * Calls {@code function} (function index space, imports first), whose signature is
     * {@code type}. Stack: {@code [params] -> [results]}: the last parameter on top before, the
     * last result on top after. May trap with whatever the callee traps with, or "call stack
     * exhausted".
     */
    record Call(int function, FuncType type) implements MicroOp {
        public Call { Objects.requireNonNull(type, "type"); }
    }

    // ---- References ---------------------------------------------------------------------------------

    /**
     * The null reference of {@code type} ({@code funcref} or {@code externref}): natively 0.
     * Stack: {@code [] -> [type]}.
     */
    record RefNull(RefType type) implements MicroOp {
        public RefNull { Objects.requireNonNull(type, "type"); }
    }

    /** Stack: {@code [ref] -> [i32 (ref == null)]}; the operand is any reference type. */
    record RefIsNull() implements MicroOp {}

    RefIsNull REF_IS_NULL = new RefIsNull();

    /** A reference to {@code function} (function index space). Stack: {@code [] -> [funcref]}. */
    record RefFunc(int function) implements MicroOp {}

    // ---- Tables -------------------------------------------------------------------------------------

    /**
     * Calls the function in element {@code index} of table {@code table} (of funcref), which must
     * have the module's type {@code typeIndex} ({@code type}). Traps "undefined element" when the
     * index is past the end, "uninitialized element" on null, "indirect call type mismatch" when
     * the function's type differs, and like {@link Call} otherwise.
     * Stack: {@code [params, i32 index] -> [results]}.
     */
    record CallIndirect(int typeIndex, int table, FuncType type) implements MicroOp {
        public CallIndirect { Objects.requireNonNull(type, "type"); }
    }

    /**
     * Element {@code index} of table {@code table}, whose elements are {@code type}; traps "out of
     * bounds table access" past the end. Stack: {@code [i32 index] -> [type]}.
     */
    record TableGet(int table, RefType type) implements MicroOp {
        public TableGet { Objects.requireNonNull(type, "type"); }
    }

    /** Stores into element {@code index}; traps like {@link TableGet}. Stack: {@code [i32 index, type value] -> []}. */
    record TableSet(int table, RefType type) implements MicroOp {
        public TableSet { Objects.requireNonNull(type, "type"); }
    }

    /** The length of table {@code table} in elements. Stack: {@code [] -> [i32]}. */
    record TableSize(int table) implements MicroOp {}

    /**
     * Grows table {@code table} by {@code delta} elements set to {@code init}; pushes the old length,
     * or -1 when it cannot grow. Stack: {@code [type init, i32 delta] -> [i32]}.
     */
    record TableGrow(int table, RefType type) implements MicroOp {
        public TableGrow { Objects.requireNonNull(type, "type"); }
    }

    /**
     * Sets {@code count} elements from {@code start} to {@code value}; traps "out of bounds table
     * access" (writing nothing) when the range passes the end. Stack: {@code [i32 start, type value, i32 count] -> []}.
     */
    record TableFill(int table, RefType type) implements MicroOp {
        public TableFill { Objects.requireNonNull(type, "type"); }
    }

    /** Copies {@code count} elements, ranges may overlap; traps like {@link TableFill}. Stack: {@code [i32 dst, i32 src, i32 count] -> []}. */
    record TableCopy(int dstTable, int srcTable) implements MicroOp {}

    /** Copies {@code count} elements of element segment {@code segment} from {@code src} into the table at {@code dst}. Stack: {@code [i32 dst, i32 src, i32 count] -> []}. */
    record TableInit(int table, int segment) implements MicroOp {}

    /** Drops element segment {@code segment} (it is empty from then on). No stack effect. */
    record ElemDrop(int segment) implements MicroOp {}

    // ---- Bulk memory --------------------------------------------------------------------------------

    /** Copies {@code count} bytes, ranges may overlap; traps "out of bounds memory access" (writing nothing). Stack: {@code [i32 dst, i32 src, i32 count] -> []}. */
    record MemoryCopy(int dstMemory, int srcMemory) implements MicroOp {}

    /** Sets {@code count} bytes from {@code dst} to the low byte of {@code value}; traps like {@link MemoryCopy}. Stack: {@code [i32 dst, i32 value, i32 count] -> []}. */
    record MemoryFill(int memory) implements MicroOp {}

    /** Copies {@code count} bytes of data segment {@code segment} from {@code src} into memory at {@code dst}. Stack: {@code [i32 dst, i32 src, i32 count] -> []}. */
    record MemoryInit(int memory, int segment) implements MicroOp {}

    /** Drops data segment {@code segment}. No stack effect. */
    record DataDrop(int segment) implements MicroOp {}
}

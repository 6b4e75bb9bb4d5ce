package flint.compiler.microwasm;

import flint.wasm.model.AbsHeapType;
import flint.wasm.model.ConcreteHeapType;
import flint.wasm.model.HeapType;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import flint.wasm.validate.ModuleContext;
import java.util.List;

/**
 * What the native compiler handles at this stage, and the record of the first thing in the current
 * function that it does not: number values (i32, i64, f32, f64), the nullable abstract references
 * {@code funcref} and {@code externref} (Wasm 2.0's reference types), memory 0 and tables of
 * 32-bit address type. Still rejected (by the converter, through {@link #instruction} and the
 * checks here): typed function references (concrete heap types, non-nullable references), the
 * GC heap types, SIMD, multiple memories, memory64 and table64.
 * Extending the compiler starts here. Each check returns whether the thing is
 * supported; the first failure is kept for the converter to throw once the function is validated.
 */
final class Support {
    private final ModuleContext ctx;
    private int function;
    private long offset;
    private UnsupportedFeatureException failure;

    Support(ModuleContext ctx) {
        this.ctx = ctx;
    }

    void begin(int function) {
        this.function = function;
        this.offset = -1;
        this.failure = null;
    }

    /** The module offset of the instruction being translated, for messages. */
    void at(long offset) { this.offset = offset; }

    boolean failed() { return failure != null; }

    /** The first unsupported thing met in this function, or null. */
    UnsupportedFeatureException failure() { return failure; }

    /** Records an instruction the converter has no translation for. */
    void instruction(Opcode op) {
        fail(UnsupportedFeatureException.instruction(op.mnemonic(), Operators.featureOf(op), function, offset));
    }

    void tooManyLocals(long count, int limit) {
        fail(UnsupportedFeatureException.other("a function with " + count + " locals", "implementation limit of "
                + limit + " locals", function, ""));
    }

    /**
     * Whether the backend can hold a {@code type} value: a number, {@code funcref} or
     * {@code externref}; {@code where} names the place for the message ("local 3").
     */
    boolean number(ValType type, String where) {
        if (type instanceof NumType || isWasm2Reference(type)) return true;
        var at = UnsupportedFeatureException.at(offset);
        fail(UnsupportedFeatureException.valueType(type, function, at.isEmpty() ? where : where + " " + at));
        return false;
    }

    /** Whether all are numbers; the places are named {@code wherePrefix} followed by the position. */
    boolean numbers(List<ValType> types, String wherePrefix) {
        for (int i = 0; i < types.size(); i++) if (!number(types.get(i), wherePrefix + i)) return false;
        return true;
    }

    /** Whether {@code type} is {@code funcref} or {@code externref} exactly (nullable, abstract heap type). */
    static boolean isWasm2Reference(ValType type) {
        return type instanceof RefType r && r.nullable() && (r.heap() == AbsHeapType.FUNC || r.heap() == AbsHeapType.EXTERN);
    }

    /**
     * The Microwasm type of a value the validator typed as {@code type}: references are erased to
     * the nullable abstract type of their hierarchy ({@code ref.func} gives {@code (ref $t)} in
     * the validator's typing, a {@code funcref} here), so that stack types compare by equality.
     * Numbers are themselves. Declared types are checked with {@link #number} first, so any other
     * reference met here comes from an operator the compiler accepted.
     */
    static ValType erase(ValType type) {
        if (!(type instanceof RefType r)) return type;
        if (r.heap() instanceof ConcreteHeapType || r.heap() == AbsHeapType.FUNC || r.heap() == AbsHeapType.NOFUNC) {
            return RefType.FUNCREF;
        }
        if (r.heap() == AbsHeapType.EXTERN || r.heap() == AbsHeapType.NOEXTERN) return RefType.EXTERNREF;
        return type;
    }

    /**
     * Whether {@code op} may use table {@code table}: a 32-bit table of {@code funcref} or
     * {@code externref}.
     */
    boolean table(int table, Opcode op) {
        var type = ctx.table(table);
        if (type.limits().address64()) {
            fail(UnsupportedFeatureException.instruction(op.mnemonic() + " of a 64-bit table", "memory64", function, offset));
            return false;
        }
        return number(type.elementType(), op.mnemonic() + " of table " + table + " of");
    }

    /** Whether {@code op} may name {@code heap} in {@code ref.null}: only {@code func} and {@code extern}. */
    boolean heapType(HeapType heap, Opcode op) {
        return number(new RefType(true, heap), op.mnemonic());
    }

    /** Whether {@code op} may access {@code memory}: only memory 0, and only a 32-bit one. */
    boolean memory(int memory, Opcode op) {
        if (memory != 0) {
            fail(UnsupportedFeatureException.instruction(op.mnemonic() + " of memory " + memory, "multiple memories",
                    function, offset));
            return false;
        }
        if (ctx.memory(0).limits().address64()) {
            fail(UnsupportedFeatureException.instruction(op.mnemonic() + " of a 64-bit memory", "memory64", function, offset));
            return false;
        }
        return true;
    }

    private void fail(UnsupportedFeatureException e) {
        if (failure == null) failure = e;
    }
}

package flint.compiler.microwasm;

import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import flint.wasm.validate.ModuleContext;
import java.util.List;

/**
 * What the native compiler handles at this stage, and the record of the first thing in the current
 * function that it does not: number values (i32, i64, f32, f64) and memory 0 of 32-bit address
 * type. Still rejected (by the converter, through {@link #instruction}): tables and
 * {@code call_indirect}, bulk memory, reference types, SIMD, multiple memories, memory64.
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

    /** Whether {@code type} is a number type; {@code where} names the place for the message ("local 3"). */
    boolean number(ValType type, String where) {
        if (type instanceof NumType) return true;
        var at = UnsupportedFeatureException.at(offset);
        fail(UnsupportedFeatureException.valueType(type, function, at.isEmpty() ? where : where + " " + at));
        return false;
    }

    /** Whether all are numbers; the places are named {@code wherePrefix} followed by the position. */
    boolean numbers(List<ValType> types, String wherePrefix) {
        for (int i = 0; i < types.size(); i++) if (!number(types.get(i), wherePrefix + i)) return false;
        return true;
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

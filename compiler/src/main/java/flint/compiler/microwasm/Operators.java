package flint.compiler.microwasm;

import flint.wasm.model.Immediate;
import flint.wasm.model.MemArg;
import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import java.util.EnumMap;
import java.util.Map;

/**
 * The Wasm instructions that become exactly one Microwasm operator without looking at the
 * converter's state, and the feature each instruction the converter cannot translate belongs to.
 */
final class Operators {
    private Operators() {}

    /** Stateless operators are immutable, so one shared instance per opcode serves every function. */
    private static final Map<Opcode, MicroOp> SIMPLE = new EnumMap<>(Opcode.class);

    static {
        for (var type : IntType.values()) {
            String prefix = type.name() + "_";
            SIMPLE.put(Opcode.valueOf(prefix + "EQZ"), new MicroOp.IntEqz(type));
            for (var op : IntUnaryOp.values()) SIMPLE.put(Opcode.valueOf(prefix + op.name()), new MicroOp.IntUnary(type, op));
            for (var op : IntBinaryOp.values()) SIMPLE.put(Opcode.valueOf(prefix + op.name()), new MicroOp.IntBinary(type, op));
            for (var c : IntCondition.values()) SIMPLE.put(Opcode.valueOf(prefix + c.name()), new MicroOp.IntCompare(type, c));
        }
        SIMPLE.put(Opcode.I32_EXTEND8_S, new MicroOp.SignExtend(IntType.I32, Width.B8));
        SIMPLE.put(Opcode.I32_EXTEND16_S, new MicroOp.SignExtend(IntType.I32, Width.B16));
        SIMPLE.put(Opcode.I64_EXTEND8_S, new MicroOp.SignExtend(IntType.I64, Width.B8));
        SIMPLE.put(Opcode.I64_EXTEND16_S, new MicroOp.SignExtend(IntType.I64, Width.B16));
        SIMPLE.put(Opcode.I64_EXTEND32_S, new MicroOp.SignExtend(IntType.I64, Width.B32));
        for (var type : FloatType.values()) {
            String prefix = type.name() + "_";
            for (var op : FloatUnaryOp.values()) SIMPLE.put(Opcode.valueOf(prefix + op.name()), new MicroOp.FloatUnary(type, op));
            for (var op : FloatBinaryOp.values()) SIMPLE.put(Opcode.valueOf(prefix + op.name()), new MicroOp.FloatBinary(type, op));
            for (var c : FloatCondition.values()) SIMPLE.put(Opcode.valueOf(prefix + c.name()), new MicroOp.FloatCompare(type, c));
            for (var from : IntType.values()) {
                for (boolean signed : new boolean[] {true, false}) {
                    String sign = signed ? "_S" : "_U";
                    SIMPLE.put(Opcode.valueOf(prefix + "CONVERT_" + from.name() + sign), new MicroOp.IntToFloat(from, type, signed));
                    String trunc = from.name() + "_TRUNC_";
                    SIMPLE.put(Opcode.valueOf(trunc + type.name() + sign), new MicroOp.FloatToInt(type, from, signed, false));
                    SIMPLE.put(Opcode.valueOf(trunc + "SAT_" + type.name() + sign), new MicroOp.FloatToInt(type, from, signed, true));
                }
            }
        }
        SIMPLE.put(Opcode.F64_PROMOTE_F32, new MicroOp.FloatConvert(FloatType.F64));
        SIMPLE.put(Opcode.F32_DEMOTE_F64, new MicroOp.FloatConvert(FloatType.F32));
        SIMPLE.put(Opcode.I32_REINTERPRET_F32, new MicroOp.Reinterpret(NumType.I32));
        SIMPLE.put(Opcode.I64_REINTERPRET_F64, new MicroOp.Reinterpret(NumType.I64));
        SIMPLE.put(Opcode.F32_REINTERPRET_I32, new MicroOp.Reinterpret(NumType.F32));
        SIMPLE.put(Opcode.F64_REINTERPRET_I64, new MicroOp.Reinterpret(NumType.F64));
        SIMPLE.put(Opcode.I32_WRAP_I64, MicroOp.WRAP);
        SIMPLE.put(Opcode.I64_EXTEND_I32_S, new MicroOp.ExtendI32(true));
        SIMPLE.put(Opcode.I64_EXTEND_I32_U, new MicroOp.ExtendI32(false));
    }

    /** The operator for a numeric instruction without immediates, or null if {@code op} is not one. */
    static MicroOp simple(Opcode op) {
        return SIMPLE.get(op);
    }

    /** Whether {@code op} is an integer load or store (i32.load ... i64.store32). */
    static boolean isIntegerAccess(Opcode op) {
        if (op.immediate() != Immediate.MEMARG || op.prefix() != 0) return false;
        var name = op.name();
        return name.startsWith("I32_") || name.startsWith("I64_");
    }

    /** Whether {@code op} is {@code f32.load}, {@code f64.load}, {@code f32.store} or {@code f64.store}. */
    static boolean isFloatAccess(Opcode op) {
        return op == Opcode.F32_LOAD || op == Opcode.F64_LOAD || op == Opcode.F32_STORE || op == Opcode.F64_STORE;
    }

    /** The operator for a float load or store ({@link #isFloatAccess}). */
    static MicroOp floatAccess(Opcode op, MemArg memArg) {
        var type = op == Opcode.F32_LOAD || op == Opcode.F32_STORE ? FloatType.F32 : FloatType.F64;
        return op == Opcode.F32_LOAD || op == Opcode.F64_LOAD
                ? new MicroOp.FloatLoad(type, memArg)
                : new MicroOp.FloatStore(type, memArg);
    }

    /** The operator for an integer load or store ({@link #isIntegerAccess}). */
    static MicroOp access(Opcode op, MemArg memArg) {
        var name = op.name();
        var type = name.startsWith("I32_") ? IntType.I32 : IntType.I64;
        var width = Width.ofBytes(op.size());
        return name.contains("_LOAD")
                ? new MicroOp.Load(type, width, name.endsWith("_S"), memArg)
                : new MicroOp.Store(type, width, memArg);
    }

    /**
     * The feature an instruction belongs to, for the "not supported yet" message of one the
     * converter does not translate.
     */
    static String featureOf(Opcode op) {
        if (op.prefix() == 0xFD) return "SIMD";
        return switch (op) {
            case CALL_INDIRECT, TABLE_GET, TABLE_SET, TABLE_SIZE, TABLE_GROW, TABLE_FILL, TABLE_COPY, TABLE_INIT,
                 ELEM_DROP -> "tables";
            case MEMORY_INIT, DATA_DROP, MEMORY_COPY, MEMORY_FILL -> "bulk memory";
            case REF_NULL, REF_IS_NULL, REF_FUNC -> "reference types";
            case CALL_REF, REF_AS_NON_NULL, BR_ON_NULL, BR_ON_NON_NULL, REF_EQ -> "typed function references";
            case RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF -> "tail calls";
            case THROW, THROW_REF, TRY_TABLE -> "exception handling";
            default -> {
                var sig = op.signature();
                if (sig != null && sig.indexOf('v') >= 0) yield "SIMD";
                yield "not in the supported subset";
            }
        };
    }
}

package flint.harness.gen;

import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import java.util.ArrayList;
import java.util.List;

/**
 * What the generator knows about one opcode: the feature that brings it, its kind, and its operand
 * and result types when they are fixed (parsed from {@link Opcode#signature()}; memory addresses
 * are i32 since generated memories are 32-bit).
 *
 * @param nanNondeterministic whether a NaN result's payload is left to the engine (arithmetic:
 *                            the spec allows any arithmetic NaN), so canonicalization must follow
 */
public record OpInfo(Opcode op, Feature feature, Kind kind, List<ValType> params, List<ValType> results,
                     boolean nanNondeterministic) {

    public OpInfo {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    public boolean fixedSignature() {
        return op.signature() != null;
    }

    /** The info of {@code op}; null for opcodes the generators never emit (relaxed SIMD, exceptions, GC, typed references). */
    static OpInfo of(Opcode op) {
        var feature = feature(op);
        var kind = kind(op);
        if (feature == null || kind == null) return null;
        List<ValType> params = List.of(), results = List.of();
        if (op.signature() != null) {
            var halves = op.signature().split(":", -1);
            params = types(halves[0]);
            results = types(halves[1]);
        }
        return new OpInfo(op, feature, kind, params, results, nanNondeterministic(op));
    }

    private static List<ValType> types(String letters) {
        var out = new ArrayList<ValType>();
        for (char c : letters.toCharArray()) {
            out.add(switch (c) {
                case 'i', 'a' -> NumType.I32;
                case 'l' -> NumType.I64;
                case 'f' -> NumType.F32;
                case 'd' -> NumType.F64;
                case 'v' -> VecType.V128;
                default -> throw new IllegalStateException("signature letter " + c);
            });
        }
        return out;
    }

    private static Feature feature(Opcode op) {
        if (op.prefix() == 0xFD) return op.code() < 256 ? Feature.SIMD : null; // relaxed SIMD is nondeterministic
        if (op.prefix() == 0xFC) {
            return switch (op) {
                case TABLE_GROW, TABLE_SIZE, TABLE_FILL -> Feature.REFERENCE_TYPES;
                default -> op.code() <= 7 ? Feature.SAT_TRUNC : Feature.BULK_MEMORY;
            };
        }
        return switch (op) {
            case I32_EXTEND8_S, I32_EXTEND16_S, I64_EXTEND8_S, I64_EXTEND16_S, I64_EXTEND32_S -> Feature.SIGN_EXT;
            case REF_NULL, REF_IS_NULL, REF_FUNC, TABLE_GET, TABLE_SET, SELECT_T -> Feature.REFERENCE_TYPES;
            case RETURN_CALL, RETURN_CALL_INDIRECT -> Feature.TAIL_CALL;
            case THROW, THROW_REF, TRY_TABLE, CALL_REF, RETURN_CALL_REF, REF_EQ, REF_AS_NON_NULL, BR_ON_NULL,
                 BR_ON_NON_NULL -> null;
            default -> Feature.MVP;
        };
    }

    private static Kind kind(Opcode op) {
        if (op.prefix() == 0xFD) return Kind.SIMD;
        if (op.prefix() == 0xFC) {
            return switch (op) {
                case MEMORY_INIT, DATA_DROP, MEMORY_COPY, MEMORY_FILL -> Kind.BULK_MEMORY;
                case TABLE_INIT, ELEM_DROP, TABLE_COPY -> Kind.TABLE_BULK;
                case TABLE_GROW, TABLE_SIZE, TABLE_FILL -> Kind.TABLE;
                default -> Kind.SAT_TRUNC;
            };
        }
        return switch (op) {
            case UNREACHABLE -> Kind.UNREACHABLE;
            case NOP -> Kind.NOP;
            case BLOCK -> Kind.BLOCK;
            case LOOP -> Kind.LOOP;
            case IF, ELSE -> Kind.IF;
            case END -> Kind.END;
            case BR -> Kind.BR;
            case BR_IF -> Kind.BR_IF;
            case BR_TABLE -> Kind.BR_TABLE;
            case RETURN -> Kind.RETURN;
            case CALL -> Kind.CALL;
            case CALL_INDIRECT -> Kind.CALL_INDIRECT;
            case RETURN_CALL, RETURN_CALL_INDIRECT -> Kind.TAIL_CALL;
            case DROP -> Kind.DROP;
            case SELECT, SELECT_T -> Kind.SELECT;
            case LOCAL_GET, LOCAL_SET, LOCAL_TEE -> Kind.LOCAL;
            case GLOBAL_GET, GLOBAL_SET -> Kind.GLOBAL;
            case TABLE_GET, TABLE_SET -> Kind.TABLE;
            case MEMORY_SIZE, MEMORY_GROW -> Kind.MEMORY_SIZE_GROW;
            case I32_CONST, I64_CONST, F32_CONST, F64_CONST -> Kind.CONST;
            case REF_NULL, REF_IS_NULL, REF_FUNC -> Kind.REF;
            case I32_EXTEND8_S, I32_EXTEND16_S, I64_EXTEND8_S, I64_EXTEND16_S, I64_EXTEND32_S -> Kind.SIGN_EXT;
            case THROW, THROW_REF, TRY_TABLE, CALL_REF, RETURN_CALL_REF, REF_EQ, REF_AS_NON_NULL, BR_ON_NULL,
                 BR_ON_NON_NULL -> null;
            default -> {
                int c = op.code();
                if (op.immediate() == flint.wasm.model.Immediate.MEMARG) yield op.signature().endsWith(":") ? Kind.STORE : Kind.LOAD;
                if (c >= 0x45 && c <= 0x5A) yield Kind.INT_COMPARE;
                if (c >= 0x5B && c <= 0x66) yield Kind.FLOAT_COMPARE;
                if (c >= 0x67 && c <= 0x8A) yield Kind.INT_ARITH;
                if (c >= 0x8B && c <= 0xA6) yield Kind.FLOAT_ARITH;
                if (c >= 0xA7 && c <= 0xBF) yield Kind.CONVERT;
                throw new IllegalStateException("unclassified opcode " + op);
            }
        };
    }

    private static boolean nanNondeterministic(Opcode op) {
        var m = op.mnemonic();
        int dot = m.indexOf('.');
        if (dot < 0) return false;
        var shape = m.substring(0, dot);
        if (!shape.equals("f32") && !shape.equals("f64") && !shape.equals("f32x4") && !shape.equals("f64x2")) return false;
        var name = m.substring(dot + 1);
        return switch (name) {
            case "add", "sub", "mul", "div", "sqrt", "min", "max", "ceil", "floor", "trunc", "nearest",
                 "demote_f64", "promote_f32", "demote_f64x2_zero", "promote_low_f32x4" -> true;
            default -> false;
        };
    }
}

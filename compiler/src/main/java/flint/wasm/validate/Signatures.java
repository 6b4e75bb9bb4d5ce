package flint.wasm.validate;

import flint.wasm.model.NumType;
import flint.wasm.model.Opcode;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;

/**
 * The fixed signatures of {@link Opcode#signature()}, parsed once into arrays so that typing a
 * numeric instruction costs no string work. The address letter {@code a} is resolved per address
 * type: each opcode has a 32-bit and a 64-bit variant of its parameter and result arrays.
 */
final class Signatures {
    private static final int N = Opcode.values().length;
    private static final ValType[][] PARAMS32 = new ValType[N][];
    private static final ValType[][] PARAMS64 = new ValType[N][];
    private static final ValType[][] RESULTS32 = new ValType[N][];
    private static final ValType[][] RESULTS64 = new ValType[N][];

    static {
        for (var op : Opcode.values()) {
            var sig = op.signature();
            if (sig == null) continue;
            int colon = sig.indexOf(':');
            if (colon < 0) throw new AssertionError("bad signature for " + op + ": " + sig);
            int i = op.ordinal();
            PARAMS32[i] = parse(sig.substring(0, colon), NumType.I32);
            PARAMS64[i] = parse(sig.substring(0, colon), NumType.I64);
            RESULTS32[i] = parse(sig.substring(colon + 1), NumType.I32);
            RESULTS64[i] = parse(sig.substring(colon + 1), NumType.I64);
        }
    }

    private Signatures() {}

    /** Whether the opcode is typed by its signature (else the validator types it by hand). */
    static boolean has(Opcode op) { return PARAMS32[op.ordinal()] != null; }

    /** Parameter types, with the address letter resolved for a 64-bit ({@code address64}) or 32-bit memory. */
    static ValType[] params(Opcode op, boolean address64) {
        return (address64 ? PARAMS64 : PARAMS32)[op.ordinal()];
    }

    static ValType[] results(Opcode op, boolean address64) {
        return (address64 ? RESULTS64 : RESULTS32)[op.ordinal()];
    }

    private static ValType[] parse(String letters, NumType address) {
        var types = new ValType[letters.length()];
        for (int i = 0; i < types.length; i++) {
            types[i] = switch (letters.charAt(i)) {
                case 'i' -> NumType.I32;
                case 'l' -> NumType.I64;
                case 'f' -> NumType.F32;
                case 'd' -> NumType.F64;
                case 'v' -> VecType.V128;
                case 'a' -> address;
                default -> throw new AssertionError("bad signature letter in " + letters);
            };
        }
        return types;
    }
}

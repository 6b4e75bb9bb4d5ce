package flint.harness.gen;

import flint.harness.engine.HostFunction;
import flint.harness.engine.Imports;
import flint.wasm.model.FuncType;
import flint.wasm.model.ImportDesc;
import flint.wasm.model.NumType;
import flint.wasm.model.RefType;
import flint.wasm.model.ValType;
import flint.wasm.model.VecType;
import flint.wasm.model.WasmModule;
import flint.wasm.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The host functions generated modules import from module {@value #MODULE}, defined once here so
 * every engine runs exactly the same Java code: each returns a deterministic hash of its
 * arguments (and of its name), so a result proves which values crossed the boundary.
 *
 * <p>NaN arguments hash as the canonical NaN, so the host side cannot observe a payload that the
 * spec lets engines choose; float results that would be NaN are returned as the canonical NaN.
 */
public final class GeneratedImports {
    private GeneratedImports() {}

    public static final String MODULE = "gen";

    /** The import name of host function {@code i}. */
    public static String name(int i) {
        return "h" + i;
    }

    /** The imports a generated module needs from the host: one {@link HostFunction} per {@value #MODULE} function import. */
    public static Imports forModule(WasmModule module) {
        return addTo(Imports.builder(), module).build();
    }

    public static Imports.Builder addTo(Imports.Builder builder, WasmModule module) {
        for (var imp : module.imports()) {
            if (imp.module().equals(MODULE) && imp.desc() instanceof ImportDesc.Func(int typeIndex)) {
                var type = module.types().get(typeIndex);
                builder.add(MODULE, imp.name(), function(imp.name(), type));
            }
        }
        return builder;
    }

    public static HostFunction function(String name, FuncType type) {
        long salt = name.hashCode() * 0x9E37_79B9_7F4A_7C15L;
        return new HostFunction(type, args -> call(salt, type, args));
    }

    /** The behaviour: results derived from a hash of the salt and the argument bits. */
    static List<Value> call(long salt, FuncType type, List<Value> args) {
        long h = mix(salt ^ args.size());
        for (var a : args) h = mix(h ^ bits(a));
        var results = new ArrayList<Value>(type.results().size());
        int i = 0;
        for (var t : type.results()) results.add(result(t, mix(h + ++i)));
        return results;
    }

    private static long bits(Value v) {
        return switch (v) {
            case Value.I32 x -> x.value();
            case Value.I64 x -> x.value();
            case Value.F32 x -> Float.isNaN(Float.intBitsToFloat(x.bits())) ? 0x7FC0_0000 : x.bits();
            case Value.F64 x -> Double.isNaN(Double.longBitsToDouble(x.bits())) ? 0x7FF8_0000_0000_0000L : x.bits();
            case Value.V128 x -> x.low() * 31 + x.high();
            default -> 0; // references: only null-ness would be portable, and only null is passed
        };
    }

    private static Value result(ValType t, long h) {
        return switch (t) {
            case NumType n -> switch (n) {
                case I32 -> new Value.I32((int) h);
                case I64 -> new Value.I64(h);
                case F32 -> new Value.F32(Float.isNaN(Float.intBitsToFloat((int) h)) ? 0x7FC0_0000 : (int) h);
                case F64 -> new Value.F64(Double.isNaN(Double.longBitsToDouble(h)) ? 0x7FF8_0000_0000_0000L : h);
            };
            case VecType v -> new Value.V128(h, mix(h));
            case RefType r -> Value.zero(r);
        };
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}

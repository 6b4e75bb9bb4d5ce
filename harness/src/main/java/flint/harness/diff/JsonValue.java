package flint.harness.diff;

import flint.wasm.value.Value;
import java.util.List;

/**
 * A Wasm value as JSON: its type and a string that keeps every bit (integers in decimal, floats as
 * hex bit patterns so NaN payloads survive, references as "null" or "ref"). The same form goes to
 * the JavaScript runner used by Node.js and the report pages.
 */
public record JsonValue(String type, String value) {

    public static JsonValue of(Value v) {
        return switch (v) {
            case Value.I32(int x) -> new JsonValue("i32", Integer.toString(x));
            case Value.I64(long x) -> new JsonValue("i64", Long.toString(x));
            case Value.F32(int bits) -> new JsonValue("f32", String.format("0x%08x", bits));
            case Value.F64(long bits) -> new JsonValue("f64", String.format("0x%016x", bits));
            case Value.V128(long lo, long hi) -> new JsonValue("v128", String.format("0x%016x%016x", hi, lo));
            case Value.FuncRef f -> new JsonValue("funcref", f.isNull() ? "null" : "ref");
            case Value.ExternRef x -> new JsonValue("externref", x.isNull() ? "null" : String.valueOf(x.handle()));
            case Value.ExnRef x -> new JsonValue("exnref", x.isNull() ? "null" : "ref");
        };
    }

    public static List<JsonValue> of(List<Value> values) {
        return values.stream().map(JsonValue::of).toList();
    }

    /** Back to a value; non-null references cannot be rebuilt engine-neutrally and come back null. */
    public Value toValue() {
        return switch (type) {
            case "i32" -> new Value.I32(Integer.parseInt(value));
            case "i64" -> new Value.I64(Long.parseLong(value));
            case "f32" -> new Value.F32(Integer.parseUnsignedInt(hex(), 16));
            case "f64" -> new Value.F64(Long.parseUnsignedLong(hex(), 16));
            case "v128" -> {
                var h = String.format("%32s", hex()).replace(' ', '0');
                yield new Value.V128(Long.parseUnsignedLong(h.substring(16), 16), Long.parseUnsignedLong(h.substring(0, 16), 16));
            }
            case "funcref" -> Value.FuncRef.NULL;
            case "externref" -> value.equals("null") ? Value.ExternRef.NULL : new Value.ExternRef(Long.parseLong(value));
            case "exnref" -> Value.ExnRef.NULL;
            default -> throw new IllegalArgumentException("unknown value type " + type);
        };
    }

    /**
     * As a result read back from an outside engine: a non-null reference becomes a stand-in
     * non-null reference (the harness compares references by nullness only). Never pass one to an
     * engine: the stand-in denotes nothing.
     */
    public Value asResult() {
        if (value.equals("null")) return toValue();
        return switch (type) {
            case "funcref" -> new Value.FuncRef(OUTSIDE);
            case "externref" -> value.matches("-?\\d+") ? toValue() : new Value.ExternRef(OUTSIDE);
            case "exnref" -> new Value.ExnRef(OUTSIDE);
            default -> toValue();
        };
    }

    /** The handle of references an outside engine returned. */
    private static final String OUTSIDE = "outside";

    private String hex() {
        return value.startsWith("0x") ? value.substring(2) : value;
    }

    @Override public String toString() {
        return asResult().toString();
    }
}

package flint.wasm.value;

/** Readable forms of float bit patterns that keep NaN payloads visible. */
public final class ValueText {
    private ValueText() {}

    public static String f32(int bits) {
        float f = Float.intBitsToFloat(bits);
        if (Float.isNaN(f)) {
            String sign = bits < 0 ? "-" : "";
            return sign + "nan:0x" + Integer.toHexString(bits & 0x7FFFFF);
        }
        return Float.toString(f);
    }

    public static String f64(long bits) {
        double d = Double.longBitsToDouble(bits);
        if (Double.isNaN(d)) {
            String sign = bits < 0 ? "-" : "";
            return sign + "nan:0x" + Long.toHexString(bits & 0xFFFFFFFFFFFFFL);
        }
        return Double.toString(d);
    }
}

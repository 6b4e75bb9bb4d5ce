package flint.wasm.model;

import java.util.Arrays;
import java.util.HexFormat;

/** A data segment: passive, or active in a memory at an offset. */
public record DataSegment(Mode mode, byte[] bytes) {
    public DataSegment { bytes = bytes.clone(); }

    @Override public byte[] bytes() { return bytes.clone(); }

    public int length() { return bytes.length; }

    public sealed interface Mode {}

    public record Passive() implements Mode {}

    public record Active(int memory, ConstExpr offset) implements Mode {}

    public static final Mode PASSIVE = new Passive();

    @Override public boolean equals(Object o) {
        return o instanceof DataSegment d && mode.equals(d.mode) && Arrays.equals(bytes, d.bytes);
    }

    @Override public int hashCode() { return mode.hashCode() * 31 + Arrays.hashCode(bytes); }

    @Override public String toString() {
        var shown = bytes.length <= 32 ? HexFormat.of().formatHex(bytes) : bytes.length + " bytes";
        return "DataSegment[" + mode + ", " + shown + "]";
    }
}

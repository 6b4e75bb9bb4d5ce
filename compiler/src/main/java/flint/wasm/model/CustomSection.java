package flint.wasm.model;

import java.util.Arrays;

/**
 * A custom section with its name and raw contents. {@code placement} is the id of the known
 * section it follows (0 when it comes first), so an encoder can put it back where it was.
 */
public record CustomSection(String name, byte[] data, int placement) {
    public CustomSection { data = data.clone(); }

    @Override public byte[] data() { return data.clone(); }

    @Override public boolean equals(Object o) {
        return o instanceof CustomSection c && name.equals(c.name) && placement == c.placement && Arrays.equals(data, c.data);
    }

    @Override public int hashCode() { return (name.hashCode() * 31 + placement) * 31 + Arrays.hashCode(data); }

    @Override public String toString() { return "CustomSection[" + name + ", " + data.length + " bytes]"; }
}

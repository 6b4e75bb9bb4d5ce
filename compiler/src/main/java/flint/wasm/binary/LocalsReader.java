package flint.wasm.binary;

import static flint.wasm.binary.MalformedModuleException.TOO_MANY_LOCALS;

import flint.wasm.model.LocalGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a function body's local declarations: a vector of (count, value type) runs. The total
 * must stay below 2^32 ("too many locals"); runs are kept as declared, never expanded, so a
 * body declaring billions of locals costs nothing to decode.
 */
public final class LocalsReader {
    private LocalsReader() {}

    /** Reads the declarations at the reader's position, leaving it at the body's first instruction. */
    public static List<LocalGroup> read(ByteReader in) {
        int at = in.position();
        int n = in.len32();
        if (n == 0) return List.of();
        var groups = new ArrayList<LocalGroup>(Math.min(n, 64));
        long total = 0;
        for (int i = 0; i < n; i++) {
            long count = in.u32AsLong();
            groups.add(new LocalGroup(count, TypeDecoder.valType(in)));
            total += count;
        }
        if (total >= 1L << 32) throw in.error(TOO_MANY_LOCALS, at);
        return groups;
    }

    /** Reads the declarations at the start of a function body's bytes {@code bytes[start..end)}; {@code moduleOffset} is the offset of {@code bytes[start]}. */
    public static List<LocalGroup> read(byte[] bytes, int start, int end, int moduleOffset) {
        return read(new ByteReader(bytes, start, end, moduleOffset - start));
    }
}

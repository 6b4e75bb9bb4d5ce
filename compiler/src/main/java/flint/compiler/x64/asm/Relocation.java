package flint.compiler.x64.asm;

import java.util.Objects;

/**
 * A reference from this code to something outside it that only the linker can place: another Wasm
 * function or a runtime helper. The code holds zeros at {@code offset} until the linker writes
 * {@link #value(long, long)} there.
 *
 * @param offset where the field starts, in bytes from the start of the code
 * @param kind   how the field is computed and how wide it is
 * @param target what it refers to
 */
public record Relocation(int offset, Kind kind, Target target) {

    public Relocation {
        if (offset < 0) {
            throw new IllegalArgumentException("negative relocation offset " + offset);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
    }

    public enum Kind {
        /**
         * A 32-bit PC-relative displacement of a {@code call}/{@code jmp}: target minus the address
         * just past the field (which is the end of the instruction).
         */
        REL32(4),
        /** A 64-bit absolute address, the immediate of {@code movabs}. */
        ABS64(8);

        private final int width;

        Kind(int width) {
            this.width = width;
        }

        /** The field's size in bytes. */
        public int width() {
            return width;
        }
    }

    /** What a relocation refers to. */
    public sealed interface Target permits WasmFunction, RuntimeHelper {}

    /** The entry of the module's function with this index (imports included). */
    public record WasmFunction(int index) implements Target {}

    /** A runtime helper (memory.grow, table operations, ...) numbered by the runtime. */
    public record RuntimeHelper(int id) implements Target {}

    /**
     * The value the linker stores at {@code offset} (little-endian, {@link Kind#width()} bytes) when
     * the code is placed at {@code codeAddress} and the target lives at {@code targetAddress}.
     *
     * @throws IllegalStateException if a REL32 target is more than ±2 GiB away
     */
    public long value(long codeAddress, long targetAddress) {
        return switch (kind) {
            case ABS64 -> targetAddress;
            case REL32 -> {
                long rel = targetAddress - (codeAddress + offset + 4);
                if (rel != (int) rel) {
                    throw new IllegalStateException("rel32 relocation to " + target + " out of range: " + rel);
                }
                yield rel;
            }
        };
    }
}

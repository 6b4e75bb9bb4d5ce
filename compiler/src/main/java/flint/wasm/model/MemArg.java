package flint.wasm.model;

/**
 * A memory access's immediates: alignment exponent, static offset (u64 to allow 64-bit memories)
 * and memory index (multiple memories).
 */
public record MemArg(int alignLog2, long offset, int memory) {
    public static MemArg natural(Opcode op) { return new MemArg(op.naturalAlignment(), 0, 0); }
}

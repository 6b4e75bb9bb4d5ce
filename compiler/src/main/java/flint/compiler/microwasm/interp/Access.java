package flint.compiler.microwasm.interp;

import flint.compiler.microwasm.FloatType;
import flint.compiler.microwasm.IntType;
import flint.compiler.microwasm.MicroOp;

/** Loads and stores of every integer width, with Wasm's extension rules. */
final class Access {
    private Access() {}

    static long load(ByteMemory m, MicroOp.Load l, int address) {
        long offset = l.memArg().offset();
        long v = switch (l.width()) {
            case B8 -> l.signed() ? m.load8(address, offset) : m.load8(address, offset) & 0xFFL;
            case B16 -> l.signed() ? m.load16(address, offset) : m.load16(address, offset) & 0xFFFFL;
            case B32 -> l.signed() || l.type() == IntType.I32 ? m.load32(address, offset)
                    : Integer.toUnsignedLong(m.load32(address, offset));
            case B64 -> m.load64(address, offset);
        };
        // An i32 result is kept sign-extended: load8_u and load16_u are already non-negative.
        return l.type() == IntType.I32 ? (int) v : v;
    }

    /** f32 bits sign-extended, like every 32-bit value of the interpreter. */
    static long load(ByteMemory m, MicroOp.FloatLoad l, int address) {
        long offset = l.memArg().offset();
        return l.type() == FloatType.F32 ? m.load32(address, offset) : m.load64(address, offset);
    }

    static void store(ByteMemory m, MicroOp.FloatStore s, int address, long value) {
        long offset = s.memArg().offset();
        if (s.type() == FloatType.F32) m.store32(address, offset, (int) value);
        else m.store64(address, offset, value);
    }

    static void store(ByteMemory m, MicroOp.Store s, int address, long value) {
        long offset = s.memArg().offset();
        switch (s.width()) {
            case B8 -> m.store8(address, offset, (byte) value);
            case B16 -> m.store16(address, offset, (short) value);
            case B32 -> m.store32(address, offset, (int) value);
            case B64 -> m.store64(address, offset, value);
        }
    }
}

package flint.compiler.x64.asm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 16-byte constants placed after the code and addressed RIP-relative. Every entry is a full,
 * 16-byte-aligned slot, even for an f32 or f64, because SSE instructions with a memory operand
 * either read 16 bytes (andps, xorps: sign masks) or fault on a misaligned one; scalar constants
 * occupy the low bytes and the rest is zero. Equal constants share one slot.
 */
final class ConstantPool {
    private record Bits(long lo, long hi) {}

    private final Labels labels;
    private final Map<Bits, Label> entries = new LinkedHashMap<>();
    private int unplaced;

    ConstantPool(Labels labels) {
        this.labels = labels;
    }

    /** The label of the slot holding these 16 bytes (low quadword first). */
    Label get(long lo, long hi) {
        return entries.computeIfAbsent(new Bits(lo, hi), b -> {
            unplaced++;
            return labels.create();
        });
    }

    /**
     * Places every constant requested since the last call at the end of the code and binds its
     * label, which patches the instructions that refer to it. The padding before the pool is int3
     * (CC), never executed.
     */
    void place(CodeBuffer buffer) {
        if (unplaced == 0) {
            return;
        }
        while ((buffer.position() & 15) != 0) {
            buffer.emit8(0xCC);
        }
        for (var e : entries.entrySet()) {
            Label label = e.getValue();
            if (!label.isBound()) {
                labels.bind(label, buffer.position());
                buffer.emit64(e.getKey().lo());
                buffer.emit64(e.getKey().hi());
            }
        }
        unplaced = 0;
    }
}

package flint.compiler.x64.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * A position in the code, possibly not yet known. Branches and RIP-relative operands that refer to
 * an unbound label leave a {@link Fixup} behind, and binding the label patches them all once the
 * position is known. Labels are created by {@link Assembler#newLabel()} and belong to that
 * assembler.
 */
public final class Label {
    private final int id;
    private final Labels owner;
    private int position = -1;
    private List<Fixup> fixups;

    Label(int id, Labels owner) {
        this.id = id;
        this.owner = owner;
    }

    /**
     * A field of {@code width} bytes (1 or 4) at {@code at} that must receive
     * {@code label + addend - origin}: for a branch or RIP-relative operand, {@code origin} is the
     * address of the next instruction; for a jump-table entry it is the table's start.
     */
    record Fixup(int at, int width, int origin, int addend) {}

    public int id() {
        return id;
    }

    public boolean isBound() {
        return position >= 0;
    }

    /** The bound position. */
    public int position() {
        if (position < 0) {
            throw new IllegalStateException(this + " is not bound");
        }
        return position;
    }

    Labels owner() {
        return owner;
    }

    void setPosition(int position) {
        this.position = position;
    }

    boolean hasFixups() {
        return fixups != null && !fixups.isEmpty();
    }

    void addFixup(Fixup fixup) {
        if (fixups == null) {
            fixups = new ArrayList<>(2);
        }
        fixups.add(fixup);
    }

    List<Fixup> takeFixups() {
        List<Fixup> taken = fixups == null ? List.of() : fixups;
        fixups = null;
        return taken;
    }

    @Override
    public String toString() {
        return "L" + id + (position >= 0 ? "@0x" + Integer.toHexString(position) : "");
    }
}

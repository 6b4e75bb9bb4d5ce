package flint.compiler.x64.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates labels, binds them and resolves references to them in one {@link CodeBuffer}: a reference
 * to a bound label is written at once; one to an unbound label is patched when the label is bound.
 */
final class Labels {
    private final CodeBuffer buffer;
    private final List<Label> pending = new ArrayList<>();
    private int nextId;

    Labels(CodeBuffer buffer) {
        this.buffer = buffer;
    }

    Label create() {
        return new Label(nextId++, this);
    }

    void bind(Label label, int position) {
        checkOwner(label);
        if (label.isBound()) {
            throw new IllegalStateException(label + " is already bound");
        }
        label.setPosition(position);
        for (Label.Fixup fixup : label.takeFixups()) {
            patch(label, fixup);
        }
    }

    /** Fills (now or at bind time) the field at {@code at}, already emitted as zeros. */
    void reference(Label label, int at, int width, int origin, int addend) {
        checkOwner(label);
        var fixup = new Label.Fixup(at, width, origin, addend);
        if (label.isBound()) {
            patch(label, fixup);
        } else {
            if (!label.hasFixups()) {
                pending.add(label);
            }
            label.addFixup(fixup);
        }
    }

    /** Fails if a referenced label was never bound: its references would jump into garbage. */
    void checkAllBound() {
        List<Label> unbound = pending.stream().filter(l -> !l.isBound()).toList();
        if (!unbound.isEmpty()) {
            throw new IllegalStateException("referenced but never bound: " + unbound);
        }
        pending.clear();
    }

    private void patch(Label label, Label.Fixup f) {
        long value = (long) label.position() + f.addend() - f.origin();
        switch (f.width()) {
            case 1 -> {
                if (value != (byte) value) {
                    throw new IllegalStateException("short reference to " + label + " at 0x"
                            + Integer.toHexString(f.at()) + " out of rel8 range: " + value);
                }
                buffer.patch8(f.at(), (int) value);
            }
            case 4 -> {
                if (value != (int) value) {
                    throw new IllegalStateException("reference to " + label + " out of rel32 range");
                }
                buffer.patch32(f.at(), (int) value);
            }
            default -> throw new IllegalArgumentException("fixup width " + f.width());
        }
    }

    private void checkOwner(Label label) {
        if (label.owner() != this) {
            throw new IllegalArgumentException(label + " belongs to another assembler");
        }
    }
}

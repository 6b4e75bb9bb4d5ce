package flint.compiler.microwasm;

import flint.wasm.model.ValType;
import java.util.List;

/**
 * The converter's view of one open Wasm control construct. Frames parallel the validator's
 * control stack one to one, including frames opened in dead code, so that Wasm label depths
 * index both alike.
 */
final class ControlFrame {
    enum Kind { FUNCTION, BLOCK, LOOP, IF }

    final Kind kind;
    /** The construct number shared by the frame's labels. */
    final int construct;
    /**
     * Whether control could enter the frame. A frame opened in dead code stays dead to its end:
     * none of its labels is declared and nothing inside it is emitted.
     */
    final boolean live;
    /** The Microwasm stack height below the frame's parameters: locals plus outer operands. */
    final int base;
    final int paramCount;
    final List<ValType> results;
    /** Whether an {@code if} frame has passed its {@code else}. */
    boolean inElse;

    ControlFrame(Kind kind, int construct, boolean live, int base, int paramCount, List<ValType> results) {
        this.kind = kind;
        this.construct = construct;
        this.live = live;
        this.base = base;
        this.paramCount = paramCount;
        this.results = results;
    }

    static ControlFrame dead(Kind kind) {
        return new ControlFrame(kind, -1, false, 0, 0, List.of());
    }

    /** Where a {@code block} or {@code if} continues. */
    Label endLabel() { return new Label(construct, Label.Role.END); }

    Label loopLabel() { return new Label(construct, Label.Role.LOOP); }

    Label thenLabel() { return new Label(construct, Label.Role.THEN); }

    Label elseLabel() { return new Label(construct, Label.Role.ELSE); }

    /** How many values a branch to this frame's label carries: a loop's parameters, else its results. */
    int labelArity() { return kind == Kind.LOOP ? paramCount : results.size(); }
}

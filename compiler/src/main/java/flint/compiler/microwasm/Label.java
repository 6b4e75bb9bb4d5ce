package flint.compiler.microwasm;

/**
 * A block label, unique within one function. Labels that come from one Wasm construct share its
 * {@code construct} number and differ by {@link Role}, so that the printed form ({@code L3.then},
 * {@code L3.else}, {@code L3.end}) can be read back against the Wasm text.
 *
 * @param construct the number of the Wasm construct (block, loop, if or br_if) that made the label,
 *                  counted from 0 in each function in the order they appear
 * @param role      which of the construct's labels this is
 */
public record Label(int construct, Role role) implements Target {

    public enum Role {
        /** Where a {@code block} or {@code if} continues: the join of its fall-through and its branches. */
        END("end"),
        /** A {@code loop}'s header, the target of its backward branches. */
        LOOP("loop"),
        /** The first arm of an {@code if}, reached only from the {@code if} itself. */
        THEN("then"),
        /** The second arm of an {@code if} (explicit or implicit), reached only from the {@code if} itself. */
        ELSE("else"),
        /** The fall-through of a {@code br_if}, reached only from that {@code br_if}. */
        NEXT("next");

        private final String text;

        Role(String text) { this.text = text; }

        public String text() { return text; }
    }

    public Label {
        if (construct < 0) throw new IllegalArgumentException("negative construct number " + construct);
        java.util.Objects.requireNonNull(role, "role");
    }

    /** {@code L3.end}: the form the printer uses. */
    @Override public String toString() { return "L" + construct + "." + role.text(); }
}

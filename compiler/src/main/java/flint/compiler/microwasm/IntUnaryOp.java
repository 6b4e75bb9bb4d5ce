package flint.compiler.microwasm;

/** The integer operators of shape {@code [t] -> [t]} that count bits. */
public enum IntUnaryOp {
    CLZ("clz"), CTZ("ctz"), POPCNT("popcnt");

    private final String text;

    IntUnaryOp(String text) { this.text = text; }

    public String text() { return text; }
}

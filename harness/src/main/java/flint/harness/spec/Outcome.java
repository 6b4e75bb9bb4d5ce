package flint.harness.spec;

/** How one command of a script went on one engine. */
public enum Outcome {
    PASS, FAIL, SKIP;

    public String text() { return name().toLowerCase(java.util.Locale.ROOT); }
}

package flint.harness.spec;

/**
 * The result of one command: its position in the script (index among all commands, and source
 * line), its kind (e.g. {@code assert_return}), and for a failure or skip what happened.
 */
public record CommandResult(String file, int index, int line, String kind, Outcome outcome, String detail) {
    public String key() { return file + "#" + index; }
}

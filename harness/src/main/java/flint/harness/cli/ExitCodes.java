package flint.harness.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every subcommand, constants so that the help text is built from them.
 * Scripts and the campaign runner depend on these numbers: do not renumber.
 */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    /** The module trapped (while instantiating or in the call) or threw an uncaught Wasm exception. */
    public static final int TRAP = 1;
    /** {@code flint replay}: the engines diverged (replay has no trap exit: a trap every engine agrees on is agreement). */
    public static final int DIVERGED = 1;
    /** The command line is wrong: options, argument count or syntax, an unknown export. */
    public static final int USAGE = 2;
    /** The input is bad: a missing or unreadable file, a malformed or invalid module, a link error. */
    public static final int BAD_INPUT = 3;
    /** Flint or an engine failed internally. */
    public static final int INTERNAL = 4;
    /** {@code flint spec}: the results differ from the committed baseline (a regression or an unrecorded pass). */
    public static final int SPEC_REGRESSION = 5;

    /** Each code with its meaning, for the "Exit codes:" list in every command's help. */
    static Map<String, String> help() {
        var help = new LinkedHashMap<String, String>();
        help.put(Integer.toString(OK), "success");
        help.put(Integer.toString(TRAP), "the module trapped or threw an uncaught exception (replay: the engines diverged)");
        help.put(Integer.toString(USAGE), "usage error (options, arguments, unknown export)");
        help.put(Integer.toString(BAD_INPUT), "bad input: missing/unreadable file, malformed/invalid module, link error");
        help.put(Integer.toString(INTERNAL), "internal error in Flint or an engine");
        help.put(Integer.toString(SPEC_REGRESSION), "spec: the results differ from the baseline");
        return help;
    }
}

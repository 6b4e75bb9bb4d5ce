package flint.harness.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@link FlintCli} in-process and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = FlintCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The lines printed on stdout. */
    java.util.List<String> outLines() {
        return out.lines().toList();
    }
}

package flint.harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code flint} command: the entry point of the launcher script. Each subcommand prints its
 * results on stdout; errors are one line on stderr ("flint: ...") and an exit code from
 * {@link ExitCodes}, with a stack trace only under {@code --verbose}.
 */
@Command(
        name = "flint",
        description = "WebAssembly conformance and differential-fuzzing workbench.",
        subcommands = {RunCommand.class, ValidateCommand.class, DumpCommand.class, PrintCommand.class, CompileCommand.class,
                GenCommand.class, ShrinkCommand.class, ReplayCommand.class, FuzzCommand.class, MergeCommand.class, BenchCommand.class, SpecCommand.class,
                FetchTestsuiteCommand.class, CommandLine.HelpCommand.class},
        mixinStandardHelpOptions = true,
        versionProvider = FlintCli.Version.class)
public final class FlintCli implements Runnable {

    @Spec CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print engine details, and stack traces with errors.")
    boolean verbose;

    boolean verbose() {
        return verbose;
    }

    /** Without a subcommand, say what there is. */
    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for the launcher and for tests that capture its output. */
    public static CommandLine commandLine() {
        var flint = new FlintCli();
        var cli = new CommandLine(flint);
        cli.setExecutionExceptionHandler((e, failed, parsed) -> flint.handleFailure(e, failed));
        documentExitCodes(cli);
        // "-inf" and "-nan:0x1" are values, not unknown options (RunCommand rejects "--typos")
        cli.getSubcommands().get("run").setUnmatchedOptionsArePositionalParams(true);
        return cli;
    }

    private static void documentExitCodes(CommandLine cli) {
        cli.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.help());
        cli.getSubcommands().values().forEach(FlintCli::documentExitCodes);
    }

    /** One line on stderr for an expected failure, a stack trace too for a bug or under --verbose. */
    private int handleFailure(Exception e, CommandLine failed) {
        var err = failed.getErr();
        if (e instanceof CliError error) {
            err.println("flint: " + error.getMessage());
            if (verbose && error.getCause() != null) {
                error.getCause().printStackTrace(err);
            }
            err.flush();
            return error.exitCode();
        }
        err.println("flint: internal error: " + e);
        if (verbose) {
            e.printStackTrace(err);
        } else {
            err.println("flint: run again with --verbose for the stack trace");
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            var version = FlintCli.class.getPackage().getImplementationVersion();
            return new String[] {"flint " + (version == null ? "(development build)" : version)};
        }
    }
}

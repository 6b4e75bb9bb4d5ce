package flint.harness.cli;

/**
 * An expected failure of a subcommand: {@link FlintCli} prints the message as one line on stderr
 * (the stack trace only with {@code --verbose}) and exits with {@link #exitCode()}.
 */
final class CliError extends RuntimeException {
    private final int exitCode;

    CliError(int exitCode, String message) {
        this(exitCode, message, null);
    }

    CliError(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    static CliError usage(String message) {
        return new CliError(ExitCodes.USAGE, message);
    }

    static CliError badInput(String message, Throwable cause) {
        return new CliError(ExitCodes.BAD_INPUT, message, cause);
    }
}

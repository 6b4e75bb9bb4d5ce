/**
 * The {@code flint} command line ({@link flint.harness.cli.FlintCli}): picocli subcommands that
 * print results on stdout and report every error as one line on stderr with a documented exit
 * code ({@link flint.harness.cli.ExitCodes}).
 */
package flint.harness.cli;

package flint.harness.bench;

/**
 * One measurement of one program on one engine: compile time (module bytes to ready-to-run code),
 * first-run time (bytes to the first result: compile, instantiate and one call), the time of one
 * call after warm-up, and the checksum it returned. Times in milliseconds.
 */
public record Sample(double compileMs, double firstRunMs, double execMs, int checksum) {}

/**
 * Flint's harness: the engines behind one interface ({@code flint.harness.engine}), the command
 * line ({@code flint.harness.cli}), and later the generators, the differential oracle, the
 * shrinker, reports and campaigns. {@link flint.harness.Engines} names the engines.
 */
package flint.harness;

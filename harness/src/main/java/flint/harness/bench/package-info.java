/**
 * {@code flint bench}: the benchmark programs of {@code corpus/bench} run on several engines side by
 * side, alternating, with medians, ratios against Flint, a Markdown summary, an SVG chart and raw
 * JSON. {@link flint.harness.bench.BenchRunner} is the loop; each engine is a
 * {@link flint.harness.bench.BenchEngine}; the reports are written by
 * {@link flint.harness.bench.BenchReports}.
 */
package flint.harness.bench;

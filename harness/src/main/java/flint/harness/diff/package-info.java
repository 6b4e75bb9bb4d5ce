/**
 * The differential oracle and what is built around it: one module run in lockstep on several
 * engines ({@link flint.harness.diff.DifferentialOracle}), outcomes compared by the spec's rules,
 * divergences bucketed by signature, third opinions, reports and fuzz campaigns.
 */
package flint.harness.diff;

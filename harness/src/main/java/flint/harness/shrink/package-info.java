/**
 * The shrinker: structure-aware delta debugging of a module (and of the calls that exercise it, a
 * {@link flint.harness.shrink.ShrinkSubject}) that keeps every candidate valid and keeps what a
 * {@link flint.harness.shrink.ShrinkPredicate} or {@link flint.harness.shrink.ReplayPredicate} asks
 * for (for a campaign, the same divergence signature). {@link flint.harness.shrink.Shrinker} runs
 * the passes to a fixed point or a {@link flint.harness.shrink.ShrinkBudget};
 * {@link flint.harness.shrink.EnginePairPredicate} is the simple two-engine oracle behind
 * {@code flint shrink}. The package knows nothing of campaigns: {@code flint.harness.diff} adapts
 * its findings and oracle to it.
 */
package flint.harness.shrink;

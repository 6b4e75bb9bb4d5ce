/**
 * The shrinker: structure-aware delta debugging of a module that keeps every candidate valid and
 * keeps what a {@link flint.harness.shrink.ShrinkPredicate} asks for (for a campaign, the same
 * divergence signature). {@link flint.harness.shrink.Shrinker} runs the passes to a fixed point or
 * a {@link flint.harness.shrink.ShrinkBudget}; {@link flint.harness.shrink.EnginePairPredicate} is
 * the simple two-engine oracle behind {@code flint shrink}.
 */
package flint.harness.shrink;

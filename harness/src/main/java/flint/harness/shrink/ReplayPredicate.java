package flint.harness.shrink;

/**
 * What the shrinker must preserve when the subject includes recorded calls: the predicate gets the
 * candidate module with the candidate calls, replays those calls, and says whether the run is
 * still interesting (for a campaign, the same divergence signature). The same rules as for
 * {@link ShrinkPredicate} hold: only valid modules are asked about, deterministically, and an
 * exception counts as "not interesting".
 */
@FunctionalInterface
public interface ReplayPredicate {
    boolean test(ShrinkSubject candidate);
}

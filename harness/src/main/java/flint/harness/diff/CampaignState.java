package flint.harness.diff;

import java.util.List;
import java.util.Map;

/**
 * What {@code --resume} needs, rewritten atomically as the campaign runs ({@code state.json}).
 * Modules that were in flight when a campaign was killed are not rerun; their findings, if any,
 * were never made, and everything found before is on disk already.
 */
public record CampaignState(long seed, int shardIndex, int shardCount, long nextIndex, long modules, long calls,
                            long findings, long inconclusive, long elapsedMillis, List<String> buckets,
                            Map<String, Long> opcodes) {}

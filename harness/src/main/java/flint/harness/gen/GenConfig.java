package flint.harness.gen;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What the generators may make and how big.
 *
 * @param features          enabled Wasm features
 * @param weights           relative weight of each instruction kind (0 disables it)
 * @param swarm             each module disables a random subset of the non-essential kinds
 * @param canonicalizeNaNs  after every float operation whose NaN result is nondeterministic, turn
 *                          any NaN into the canonical NaN, so results and memory compare bit for bit
 * @param oobPermille       how often (per thousand accesses) a memory or table access is aimed
 *                          out of bounds on purpose
 * @param fuel              the initial value of the fuel global; each loop iteration and each call
 *                          costs one, and exhaustion traps (unreachable). It also bounds call depth.
 * @param maxFunctions      defined functions per module (at least 1)
 * @param maxParams         parameters per function type
 * @param maxResults        results per function type (1 without multi-value)
 * @param maxLocalsPerType  declared locals of each value type per function
 * @param maxBodySize       the instruction budget of one body (fuel checks and canonicalization
 *                          sequences come on top)
 * @param maxDepth          nesting of blocks, loops and ifs
 * @param maxImports        imported host functions
 */
public record GenConfig(
        Set<Feature> features,
        Map<Kind, Integer> weights,
        boolean swarm,
        boolean canonicalizeNaNs,
        int oobPermille,
        int fuel,
        int maxFunctions,
        int maxParams,
        int maxResults,
        int maxLocalsPerType,
        int maxBodySize,
        int maxDepth,
        int maxImports) {

    public GenConfig {
        features = Set.copyOf(EnumSet.copyOf(features));
        var w = new EnumMap<Kind, Integer>(Kind.class);
        for (var k : Kind.values()) w.put(k, Math.max(0, weights.getOrDefault(k, 0)));
        weights = Map.copyOf(w);
        if (maxFunctions < 1 || maxBodySize < 1 || maxDepth < 0 || fuel < 1) {
            throw new IllegalArgumentException("sizes must be positive");
        }
    }

    public static Map<Kind, Integer> defaultWeights() {
        var w = new EnumMap<Kind, Integer>(Kind.class);
        for (var k : Kind.values()) w.put(k, k.defaultWeight());
        return w;
    }

    /** The default: Wasm 2.0 without SIMD, medium modules, NaN canonicalization on. */
    public static GenConfig defaults() {
        return of(Feature.defaults());
    }

    public static GenConfig of(Set<Feature> features) {
        return new GenConfig(features, defaultWeights(), false, true, 20, 2000,
                6, 10, 5, 6, 120, 5, 3);
    }

    public boolean has(Feature f) {
        return features.contains(f);
    }

    public int weight(Kind k) {
        return weights.get(k);
    }

    public GenConfig withFeatures(Set<Feature> f) {
        return new GenConfig(f, weights, swarm, canonicalizeNaNs, oobPermille, fuel, maxFunctions, maxParams,
                maxResults, maxLocalsPerType, maxBodySize, maxDepth, maxImports);
    }

    public GenConfig withSwarm(boolean on) {
        return new GenConfig(features, weights, on, canonicalizeNaNs, oobPermille, fuel, maxFunctions, maxParams,
                maxResults, maxLocalsPerType, maxBodySize, maxDepth, maxImports);
    }

    public GenConfig withCanonicalizeNaNs(boolean on) {
        return new GenConfig(features, weights, swarm, on, oobPermille, fuel, maxFunctions, maxParams,
                maxResults, maxLocalsPerType, maxBodySize, maxDepth, maxImports);
    }

    public GenConfig withWeights(Map<Kind, Integer> w) {
        return new GenConfig(features, w, swarm, canonicalizeNaNs, oobPermille, fuel, maxFunctions, maxParams,
                maxResults, maxLocalsPerType, maxBodySize, maxDepth, maxImports);
    }

    public GenConfig withOobPermille(int permille) {
        return new GenConfig(features, weights, swarm, canonicalizeNaNs, permille, fuel, maxFunctions, maxParams,
                maxResults, maxLocalsPerType, maxBodySize, maxDepth, maxImports);
    }

    /** Scales the body budget and function count (1 = default size). */
    public GenConfig withSize(int maxFunctions, int maxBodySize) {
        return new GenConfig(features, weights, swarm, canonicalizeNaNs, oobPermille, fuel, maxFunctions, maxParams,
                maxResults, maxLocalsPerType, maxBodySize, maxDepth, maxImports);
    }
}

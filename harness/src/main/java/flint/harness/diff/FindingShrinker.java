package flint.harness.diff;

import flint.harness.shrink.ShrinkBudget;
import flint.harness.shrink.ShrinkReport;
import flint.harness.shrink.Shrinker;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.ExternKind;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/**
 * Shrinks a finding's module while the oracle, replaying the finding's recorded calls, still
 * diverges with the same signature: the shrinker ({@link Shrinker}) proposes valid candidates, the
 * differential oracle judges them. Calls to exports a candidate no longer has are left out (the
 * signature names the diverging export, so that one stays).
 *
 * <p>Runs native code: campaigns run it in a child JVM ({@link ShrinkChild}).
 */
public final class FindingShrinker {

    private final DifferentialOracle oracle;

    public FindingShrinker(DifferentialOracle oracle) {
        this.oracle = oracle;
    }

    /** A shrinker judging with the finding's own engines and a short per-step timeout. */
    public static FindingShrinker forFinding(Finding finding) {
        var config = DifferentialOracle.Config.defaults().withTimeout(Duration.ofSeconds(2));
        return new FindingShrinker(DifferentialOracle.of(config, finding.engines()));
    }

    public ShrinkReport shrink(byte[] module, Finding finding, ShrinkBudget budget) {
        var calls = finding.calls().stream()
                .map(c -> new Call(c.export(), c.args().stream().map(JsonValue::toValue).toList()))
                .toList();
        String signature = finding.signature();
        return Shrinker.shrink(ModuleDecoder.decode(module), candidate -> {
            var exports = new HashSet<String>();
            for (var e : candidate.exports()) if (e.kind() == ExternKind.FUNC) exports.add(e.name());
            List<Call> kept = calls.stream().filter(c -> exports.contains(c.export())).toList();
            var verdict = oracle.replay(ModuleEncoder.encode(candidate), kept);
            return verdict.divergences().stream().anyMatch(d -> d.signature().equals(signature));
        }, budget);
    }
}

package flint.harness.diff;

import flint.harness.shrink.ShrinkBudget;
import flint.harness.shrink.ShrinkCall;
import flint.harness.shrink.ShrinkReport;
import flint.harness.shrink.ShrinkSubject;
import flint.harness.shrink.Shrinker;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.binary.ModuleEncoder;
import flint.wasm.model.ExternKind;
import flint.wasm.model.WasmModule;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Shrinks a finding's module and its recorded calls while the oracle, replaying the calls, still
 * diverges with the same signature: the shrinker ({@link Shrinker}) proposes valid candidates
 * (fewer calls, simpler arguments, fewer parameters with the arguments gone from the calls), the
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
                .map(c -> new ShrinkCall(c.export(), c.args().stream().map(JsonValue::toValue).toList()))
                .toList();
        String signature = finding.signature();
        return Shrinker.shrink(new ShrinkSubject(ModuleDecoder.decode(module), calls),
                candidate -> replay(candidate.module(), candidate.calls()).divergences().stream()
                        .anyMatch(d -> d.signature().equals(signature)),
                budget);
    }

    private Verdict replay(WasmModule module, List<ShrinkCall> calls) {
        var exports = new HashSet<String>();
        for (var e : module.exports()) if (e.kind() == ExternKind.FUNC) exports.add(e.name());
        List<Call> kept = calls.stream().filter(c -> exports.contains(c.export()))
                .map(c -> new Call(c.export(), c.args())).toList();
        return oracle.replay(ModuleEncoder.encode(module), kept);
    }

    /**
     * The finding as the shrunk reproducer shows it: the shrunk module is replayed once with the
     * shrunk calls, and the calls up to the diverging one, the step, the outcomes and the detail
     * come from that run (bucket, signature, seed and the rest stay). If the divergence does not
     * show this time (a flaky engine), {@link #withCalls} of the shrunk calls.
     */
    public Finding shrunkFinding(Finding original, ShrinkReport report) {
        byte[] bytes = ModuleEncoder.encode(report.module());
        var divergence = replay(report.module(), report.calls()).divergences().stream()
                .filter(d -> d.signature().equals(original.signature())).findFirst();
        if (divergence.isEmpty()) return withCalls(original, bytes, report.calls());
        var d = divergence.get();
        var outcomes = new LinkedHashMap<String, String>();
        d.outcomes().forEach((engine, outcome) -> outcomes.put(engine, outcome.toString()));
        return rebuilt(original, ReportWriter.summary(d), d.detail(), ThirdOpinions.findingCalls(bytes, d.calls()), d.step(),
                outcomes, d.states());
    }

    /**
     * {@code finding} with {@code calls} for {@code module}, the last of them the diverging one
     * (the step is their number; an instantiation finding keeps step 0). Nothing else changes.
     */
    public static Finding withCalls(Finding finding, byte[] module, List<ShrinkCall> calls) {
        var recorded = ThirdOpinions.findingCalls(module, calls.stream().map(c -> new Call(c.export(), c.args())).toList());
        // the recorded states were of the module as found: unknown for this one
        return rebuilt(finding, finding.summary(), finding.detail(), recorded, finding.step() == 0 ? 0 : recorded.size(),
                finding.outcomes(), java.util.Map.of());
    }

    /** {@code finding} with what a shrunk reproducer changes; bucket, signature, seed, triage and the rest stay. */
    private static Finding rebuilt(Finding finding, String summary, String detail, List<Finding.FindingCall> calls, int step,
                                   java.util.Map<String, String> outcomes, java.util.Map<String, String> states) {
        return new Finding(finding.format(), finding.bucket(), finding.signature(), finding.kind(), summary, detail,
                finding.seed(), finding.generator(), finding.engines(), calls, step, outcomes, finding.thirdOpinions(),
                finding.foundAt(), states, finding.triage());
    }
}

package flint.harness.diff;

import flint.harness.engine.TrapKind;
import flint.harness.engine.chicory.ChicoryCompilerEngine;
import flint.wasm.binary.ModuleDecoder;
import flint.wasm.model.ExternKind;
import flint.wasm.model.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When two engines disagree, asks engines outside the pair: Chicory's JVM-bytecode compiler
 * in-process, and V8 through Node.js with only its baseline compiler (Liftoff) and with only its
 * optimizing compiler (TurboFan). Each opinion records which side of the divergence it takes, so a
 * report says which engine is wrong.
 */
public final class ThirdOpinions {

    private final NodeRunner node;

    public ThirdOpinions(NodeRunner node) {
        this.node = node;
    }

    public static ThirdOpinions standard() {
        return new ThirdOpinions(NodeRunner.find());
    }

    /**
     * The opinions on {@code finding}'s diverging step. Only the reference is rerun (beside
     * Chicory's compiler); the engine under test is known by its recorded outcome text, so that
     * this runs no native code and is safe in a campaign's coordinator.
     */
    public List<Finding.ThirdOpinion> of(byte[] module, Finding finding) {
        var reference = finding.engines().getFirst();
        var other = finding.engines().get(1);
        var otherText = finding.outcomes().get(other);
        var calls = finding.calls().stream()
                .map(c -> new Call(c.export(), c.args().stream().map(JsonValue::toValue).toList())).toList();
        var opinions = new ArrayList<Finding.ThirdOpinion>();
        Outcome referenceOutcome = null;
        if (!finding.engines().contains(ChicoryCompilerEngine.NAME) && !reference.equals(ChicoryCompilerEngine.NAME)) {
            var oracle = DifferentialOracle.of(DifferentialOracle.Config.defaults(), List.of(reference, ChicoryCompilerEngine.NAME));
            try {
                var verdict = oracle.replay(module, calls);
                if (verdict.steps().size() > finding.step()) {
                    var outcomes = verdict.steps().get(finding.step()).outcomes();
                    referenceOutcome = outcomes.get(reference);
                    var mine = outcomes.get(ChicoryCompilerEngine.NAME);
                    opinions.add(new Finding.ThirdOpinion(ChicoryCompilerEngine.NAME, mine.toString(), side(
                            agrees(finding.step(), referenceOutcome, mine), textMatches(mine, otherText), reference, other)));
                } else {
                    opinions.add(new Finding.ThirdOpinion(ChicoryCompilerEngine.NAME, "stopped before the step", "unavailable"));
                }
            } catch (RuntimeException e) {
                opinions.add(new Finding.ThirdOpinion(ChicoryCompilerEngine.NAME, "failed: " + e, "unavailable"));
            }
        }
        for (var flavour : NodeRunner.Flavour.values()) {
            var result = node.run(flavour, module, finding.calls());
            final var ref = referenceOutcome;
            opinions.add(switch (result) {
                case NodeRunner.Result.Unavailable(var why) -> new Finding.ThirdOpinion(flavour.engineName(), why, "unavailable");
                case NodeRunner.Result.Ran(var instantiate, var outcomes) -> {
                    var v8 = finding.step() == 0 ? instantiate : outcomes.size() >= finding.step() ? outcomes.get(finding.step() - 1) : null;
                    if (v8 == null) yield new Finding.ThirdOpinion(flavour.engineName(), "stopped before the step", "unavailable");
                    boolean withReference = ref != null ? v8.matches(ref) : v8Matches(v8, finding.outcomes().get(reference));
                    yield new Finding.ThirdOpinion(flavour.engineName(), v8.toString(),
                            side(withReference, v8Matches(v8, otherText), reference, other));
                }
            });
        }
        return opinions;
    }

    /** TEMPORARY (replaced by the state-aware version): V8 Liftoff's side on results and traps only. */
    public String v8Side(byte[] module, Finding finding) {
        try {
            if (finding.engines().size() < 2) return "unavailable";
            var reference = finding.engines().getFirst();
            var other = finding.engines().get(1);
            if (!java.util.Set.of("value", "trap-vs-value", "trap-kind").contains(finding.kind())) return "unavailable";
            return switch (node.run(NodeRunner.Flavour.LIFTOFF, module, finding.calls())) {
                case NodeRunner.Result.Unavailable u -> "unavailable";
                case NodeRunner.Result.Ran(var instantiate, var outcomes) -> {
                    var v8 = finding.step() == 0 ? instantiate : outcomes.size() >= finding.step() ? outcomes.get(finding.step() - 1) : null;
                    yield v8 == null ? "unavailable" : side(v8Matches(v8, finding.outcomes().get(reference)),
                            v8Matches(v8, finding.outcomes().get(other)), reference, other);
                }
            };
        } catch (RuntimeException e) {
            return "unavailable";
        }
    }

    private static boolean agrees(int step, Outcome a, Outcome b) {
        var c = step == 0 ? Comparison.instantiation(a, b) : Comparison.call(a, b, false);
        return c instanceof Comparison.Agree || c instanceof Comparison.Unclear(var r, var d) && r == Inconclusive.Reason.NAN_PAYLOAD;
    }

    /** Whether an outcome says what a recorded outcome text says (values exactly, traps by kind). */
    static boolean textMatches(Outcome outcome, String text) {
        if (text == null) return false;
        return switch (outcome) {
            case Outcome.Trapped t -> text.startsWith("trap: " + t.kind().message());
            case Outcome.Rejected r -> text.startsWith(r.kind().name().toLowerCase(java.util.Locale.ROOT) + ":");
            default -> text.equals(outcome.toString());
        };
    }

    private static boolean v8Matches(NodeRunner.V8Outcome v8, String text) {
        if (text == null) return false;
        return switch (v8) {
            case NodeRunner.V8Outcome.Trapped t -> text.startsWith("trap: ")
                    && TrapKind.fromSpecMessage(text.substring(6)).map(k -> v8TrapKinds(t.message()).contains(k)).orElse(false);
            case NodeRunner.V8Outcome.Other o -> o.what().equals("rejected") && (text.startsWith("invalid:") || text.startsWith("malformed:"))
                    || o.what().equals("link") && text.startsWith("link error");
            default -> text.equals(v8.toString());
        };
    }

    static String side(boolean withA, boolean withB, String a, String b) {
        return withA && withB ? "both" : withA ? a : withB ? b : "neither";
    }

    /** The calls as the JavaScript runner wants them: with each callee's result types. */
    static List<Finding.FindingCall> findingCalls(byte[] module, List<Call> calls) {
        Map<String, List<String>> results = new java.util.HashMap<>();
        try {
            var decoded = ModuleDecoder.decode(module);
            for (var export : decoded.exports()) {
                if (export.kind() == ExternKind.FUNC) {
                    results.put(export.name(), decoded.functionType(export.index()).results().stream().map(ValType::text).toList());
                }
            }
        } catch (RuntimeException e) {
            // an undecodable module has no calls worth running
        }
        return calls.stream().map(c -> new Finding.FindingCall(c.export(), JsonValue.of(c.args()),
                results.getOrDefault(c.export(), List.of()))).toList();
    }

    /** Trap kinds a V8 trap message can stand for (V8 words some traps for several kinds). */
    static Set<TrapKind> v8TrapKinds(String message) {
        var m = message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("unreachable")) return Set.of(TrapKind.UNREACHABLE);
        if (m.contains("by zero")) return Set.of(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        if (m.contains("divide result unrepresentable")) return Set.of(TrapKind.INTEGER_OVERFLOW);
        if (m.contains("float unrepresentable")) return Set.of(TrapKind.INVALID_CONVERSION);
        if (m.contains("memory access out of bounds") || m.contains("data segment")) return Set.of(TrapKind.OUT_OF_BOUNDS_MEMORY);
        if (m.contains("table index is out of bounds")) return Set.of(TrapKind.UNDEFINED_ELEMENT, TrapKind.OUT_OF_BOUNDS_TABLE);
        if (m.contains("out of bounds")) return Set.of(TrapKind.OUT_OF_BOUNDS_TABLE, TrapKind.OUT_OF_BOUNDS_MEMORY);
        if (m.contains("signature mismatch") || m.contains("null function")) {
            return Set.of(TrapKind.UNINITIALIZED_ELEMENT, TrapKind.INDIRECT_CALL_TYPE_MISMATCH, TrapKind.NULL_REFERENCE);
        }
        if (m.contains("null")) return Set.of(TrapKind.NULL_REFERENCE);
        if (m.contains("call stack") || m.contains("stack size")) return Set.of(TrapKind.CALL_STACK_EXHAUSTED);
        return Set.of();
    }
}
